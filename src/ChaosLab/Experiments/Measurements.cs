using System.Text.Json.Serialization;
using HybridInference.Contracts.Statistics;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>What an experiment's traffic measured, from its samples (and the prediction log's answer for the records).</summary>
public sealed record Measurements
{
    [JsonPropertyName("sent")] public int Sent { get; init; }

    [JsonPropertyName("answered")] public int Answered { get; init; }

    [JsonPropertyName("unanswered")] public int Unanswered { get; init; }

    [JsonPropertyName("errorRate")] public double ErrorRate { get; init; }

    [JsonPropertyName("p50Ms")] public double? P50Ms { get; init; }

    [JsonPropertyName("p95Ms")] public double? P95Ms { get; init; }

    [JsonPropertyName("p99Ms")] public double? P99Ms { get; init; }

    [JsonPropertyName("maxMs")] public double? MaxMs { get; init; }

    /// <summary>Correct answers over answered requests; null when nothing was answered.</summary>
    [JsonPropertyName("accuracy")] public double? Accuracy { get; init; }

    /// <summary>Answers per tier (<c>edge</c>, <c>cloud</c>, <c>edge-degraded</c>).</summary>
    [JsonPropertyName("tiers")] public IReadOnlyDictionary<string, int> Tiers { get; init; } = new Dictionary<string, int>();

    /// <summary>Answers per edge node that served them.</summary>
    [JsonPropertyName("edgeNodes")] public IReadOnlyDictionary<string, int> EdgeNodes { get; init; } = new Dictionary<string, int>();

    /// <summary>Answered ids looked up in the router's prediction log; null when the records were not checked.</summary>
    [JsonPropertyName("recordsChecked")] public int? RecordsChecked { get; init; }

    [JsonPropertyName("recordsMissing")] public int? RecordsMissing { get; init; }

    [JsonPropertyName("missingIds")] public IReadOnlyList<string> MissingIds { get; init; } = [];

    /// <summary>Each edge node's changes as the router showed them (rotation, breaker), in order.</summary>
    [JsonPropertyName("routerEvents")] public IReadOnlyList<RouterEvent> RouterEvents { get; init; } = [];

    /// <summary>The phases and weights of the rollouts the run's <c>rollout-start</c> actions began, as the registry showed them.</summary>
    [JsonPropertyName("rolloutEvents")] public IReadOnlyList<RolloutChange> RolloutEvents { get; init; } = [];

    /// <summary>Answers per edge model version that served them (<c>fashion-edge:2</c>).</summary>
    [JsonPropertyName("edgeModelVersions")] public IReadOnlyDictionary<string, int> EdgeModelVersions { get; init; } = new Dictionary<string, int>();

    /// <summary>Summarises the samples; the prediction log's figures are added by the runner.</summary>
    public static Measurements From(IReadOnlyCollection<RequestSample> samples)
    {
        var answered = samples.Where(s => s.Answered).ToList();
        var latencies = answered.Select(s => s.LatencyMs).ToArray();
        Array.Sort(latencies);
        var labelled = answered.Where(s => s.Predicted is not null).ToList();
        return new Measurements
        {
            Sent = samples.Count,
            Answered = answered.Count,
            Unanswered = samples.Count - answered.Count,
            ErrorRate = samples.Count == 0 ? 0 : (double)(samples.Count - answered.Count) / samples.Count,
            P50Ms = Percentile.OfSortedOrNull(latencies, 0.50),
            P95Ms = Percentile.OfSortedOrNull(latencies, 0.95),
            P99Ms = Percentile.OfSortedOrNull(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? null : latencies[^1],
            Accuracy = labelled.Count == 0 ? null : (double)labelled.Count(s => s.Predicted == s.Label) / labelled.Count,
            Tiers = Count(answered, s => s.Tier),
            EdgeNodes = Count(answered, s => s.EdgeNode),
            EdgeModelVersions = Count(answered, s => s.EdgeModelVersion),
        };
    }

    private static Dictionary<string, int> Count(IEnumerable<RequestSample> samples, Func<RequestSample, string?> key) =>
        samples.Select(key).OfType<string>().GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
}

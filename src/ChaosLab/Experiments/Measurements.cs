using HybridInference.Contracts.Statistics;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The report's <see cref="Measurements"/> (a contract type) summarised from a run's samples; the runner adds the
/// prediction log's figures and the router's and registry's events.
/// </summary>
public static class SampleMeasurements
{
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

using HybridInference.Contracts.Statistics;

namespace HybridInference.PredictionLog;

/// <summary>What the log says about a time window: traffic per tier, escalations, accuracy, latency.</summary>
public sealed record PredictionSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int Requests,
    IReadOnlyDictionary<string, int> PerTier,
    IReadOnlyDictionary<string, int> EscalationReasons,
    double EscalationRate,
    int Labelled,
    double? Accuracy,
    IReadOnlyDictionary<string, double?> AccuracyPerTier,
    IReadOnlyDictionary<string, LatencySummary> LatencyPerTier)
{
    public static PredictionSummary Of(IReadOnlyList<PredictionRecord> records, DateTimeOffset from, DateTimeOffset to)
    {
        var labelled = records.Where(r => r.Label is not null && r.AnsweredClass is not null).ToList();
        return new PredictionSummary(
            from,
            to,
            records.Count,
            records.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            records.Where(r => r.EscalationReason is not null).GroupBy(r => r.EscalationReason!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            records.Count == 0 ? 0 : (double)records.Count(r => r.CloudClass is not null) / records.Count,
            labelled.Count,
            AccuracyOf(labelled),
            labelled.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => AccuracyOf(g.ToList())),
            records.GroupBy(r => r.Tier).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => LatencySummary.Of(g.Select(r => r.TotalLatencyMs))));
    }

    private static double? AccuracyOf(IReadOnlyCollection<PredictionRecord> labelled) =>
        labelled.Count == 0 ? null : (double)labelled.Count(r => r.AnsweredClass == r.Label) / labelled.Count;
}

/// <summary>Latency percentiles in milliseconds, by the product's one definition (<see cref="Percentile"/>, nearest rank); all 0 when there are no values.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Percentile.OfSorted(sorted, 0.50), Percentile.OfSorted(sorted, 0.95), Percentile.OfSorted(sorted, 0.99), sorted[^1]);
    }
}

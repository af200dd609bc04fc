using HybridInference.Contracts.Statistics;

namespace HybridInference.Contracts.Predictions;

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

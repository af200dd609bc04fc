namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Nearest-rank percentiles: the smallest measured value with at least p of the values at or below it. Always
/// a value that was measured, so a p99 of 100 samples is the second-largest latency, not an interpolation.
/// </summary>
public static class Percentile
{
    /// <param name="sorted">values in ascending order</param>
    /// <param name="p">in (0,1]</param>
    public static double? NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

namespace HybridInference.Contracts.Statistics;

/// <summary>
/// The one percentile definition the product reports and judges with: the <em>nearest rank</em>. The p-th
/// percentile of n values is the smallest measured value with at least p of the values at or below it, the
/// value at 1-based rank <c>ceil(p · n)</c> in ascending order. It is always a value that was measured: the p99
/// of 100 latencies is the second-largest, the p95 of 20 is the 19th, and a p of 1 is the largest.
/// The rollout gate's <c>latency_p95</c>, the prediction log's summary, an edge node's telemetry, the router's
/// <c>p95_latency_ms</c> rule, ChaosLab's measurements and the training latency benchmark all use it, so one
/// p95 means the same everywhere it is shown or compared.
/// </summary>
/// <remarks>
/// <para>p is a share in (0, 1]: 0.95 for the p95. p = 0 has no nearest rank and is refused, as is anything
/// outside (0, 1] and NaN.</para>
/// <para>Empty input is the caller's decision: <see cref="OfSorted"/> and <see cref="Of"/> refuse it;
/// <see cref="OfSortedOrNull"/> and <see cref="OfOrNull"/> answer null, for callers that report "no values"
/// (null, or 0 with <c>?? 0</c>). A sorted <see cref="List{T}"/> is read in place through
/// <c>CollectionsMarshal.AsSpan</c>.</para>
/// </remarks>
public static class Percentile
{
    // p · n is computed in binary floating point: 0.07 · 100 is 7.000000000000001, whose ceiling would be
    // rank 8. A product within a few units in the last place of a whole number counts as that number.
    private const double RoundingTolerance = 1e-12;

    /// <summary>The 1-based rank of the p-th percentile among <paramref name="count"/> values: <c>ceil(p · count)</c>, at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1, or <paramref name="p"/> is not in (0, 1].</exception>
    public static int Rank(int count, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckShare(p);
        var exact = p * count;
        var whole = Math.Round(exact);
        var rank = Math.Abs(exact - whole) <= RoundingTolerance * Math.Max(1, exact) ? whole : Math.Ceiling(exact);
        return Math.Clamp((int)rank, 1, count);
    }

    /// <summary>The p-th percentile of values already in ascending order.</summary>
    /// <exception cref="ArgumentException"><paramref name="sorted"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1].</exception>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        CheckShare(p);
        return sorted.IsEmpty
            ? throw new ArgumentException("a percentile of no values is undefined", nameof(sorted))
            : sorted[Rank(sorted.Length, p) - 1];
    }

    /// <summary>The p-th percentile of values already in ascending order; null when there are none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1].</exception>
    public static double? OfSortedOrNull(ReadOnlySpan<double> sorted, double p)
    {
        CheckShare(p);
        return sorted.IsEmpty ? null : sorted[Rank(sorted.Length, p) - 1];
    }

    /// <summary>The p-th percentile of values in any order (they are copied and sorted; the input is left as it is).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1].</exception>
    public static double Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        return OfSorted(Sorted(values), p);
    }

    /// <summary>The p-th percentile of values in any order; null when there are none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1].</exception>
    public static double? OfOrNull(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        return OfSortedOrNull(Sorted(values), p);
    }

    private static double[] Sorted(IEnumerable<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    private static void CheckShare(double p)
    {
        // Written so that NaN fails too.
        if (!(p > 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile's share must be in (0, 1], e.g. 0.95 for the p95");
        }
    }
}

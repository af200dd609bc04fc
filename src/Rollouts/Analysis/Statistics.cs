namespace HybridInference.Rollouts.Analysis;

/// <summary>
/// The one-sided tests an analysis uses to confirm that a canary is really worse, not just unlucky: the
/// two-proportion z-test for rates and the Mann-Whitney U test (normal approximation, tie-corrected, with
/// continuity correction) for distributions such as latency or confidence.
/// </summary>
public static class Statistics
{
    /// <summary>P-value of H1: the canary's event rate is higher than the control's.</summary>
    public static double TwoProportionGreater(long canaryEvents, long canaryTotal, long controlEvents, long controlTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(canaryTotal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(controlTotal);
        var p1 = (double)canaryEvents / canaryTotal;
        var p2 = (double)controlEvents / controlTotal;
        var pooled = (double)(canaryEvents + controlEvents) / (canaryTotal + controlTotal);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / canaryTotal) + (1.0 / controlTotal)));
        if (se == 0)
        {
            // Both rates are 0 or both 1: the rates are equal, there is no evidence either way.
            return 1;
        }

        return 1 - NormalCdf((p1 - p2) / se);
    }

    /// <summary>P-value of H1: values drawn from <paramref name="canary"/> tend to be larger than from <paramref name="control"/>.</summary>
    public static double MannWhitneyGreater(IReadOnlyList<double> canary, IReadOnlyList<double> control)
    {
        if (canary.Count == 0 || control.Count == 0)
        {
            throw new ArgumentException("both samples must be non-empty");
        }

        var all = new (double Value, bool Canary)[canary.Count + control.Count];
        for (var i = 0; i < canary.Count; i++)
        {
            all[i] = (canary[i], true);
        }

        for (var i = 0; i < control.Count; i++)
        {
            all[canary.Count + i] = (control[i], false);
        }

        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));
        double canaryRanks = 0;
        double tieTerm = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j + 1 < all.Length && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1;
            var ties = j - i + 1;
            tieTerm += ((double)ties * ties * ties) - ties;
            for (var k = i; k <= j; k++)
            {
                if (all[k].Canary)
                {
                    canaryRanks += rank;
                }
            }

            i = j + 1;
        }

        double n1 = canary.Count, n2 = control.Count, n = n1 + n2;
        var u = canaryRanks - (n1 * (n1 + 1) / 2);
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return 1;
        }

        return 1 - NormalCdf((u - mean - 0.5) / Math.Sqrt(variance));
    }

    /// <summary>Standard normal CDF, accurate to about 1e-7 (.NET has no erf).</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Numerical Recipes' erfc with Chebyshev fit: fractional error below 1.2e-7 everywhere.
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            poly = (poly * t) + c[i];
        }

        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}

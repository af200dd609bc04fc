using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Cli;

/// <summary>
/// Turns an operator's target into a cascade threshold, on top of <see cref="CascadeAnalysis"/>: an escalation
/// budget or a tolerated accuracy loss against the cloud model.
/// </summary>
internal static class ThresholdSearch
{
    // Accuracies are ratios of image counts; a target computed from them may differ from the exact ratio in
    // its last bits, which must not turn a met target into a missed one.
    private const double Tolerance = 1e-9;

    /// <summary>
    /// The highest threshold that sends at most <paramref name="maxEscalatedShare"/> of the images to the cloud:
    /// it spends the budget on the least confident images. Capped at 1, the highest threshold a router accepts.
    /// </summary>
    public static CascadeRow ForEscalationBudget(CascadeAnalysis analysis, double maxEscalatedShare)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!(maxEscalatedShare >= 0 && maxEscalatedShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxEscalatedShare), maxEscalatedShare, "an escalation budget is a share in [0,1]");
        }

        // Confidences are floats and the escalated share only grows with the threshold, so a binary search over
        // the ordered bit patterns of non-negative floats finds the exact edge in about 30 evaluations.
        var low = BitConverter.SingleToInt32Bits(0f);
        var high = BitConverter.SingleToInt32Bits(1f);
        if (analysis.At(1f).EscalatedShare <= maxEscalatedShare + Tolerance)
        {
            return analysis.At(1f);
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (analysis.At(BitConverter.Int32BitsToSingle(middle)).EscalatedShare <= maxEscalatedShare + Tolerance)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return analysis.At(BitConverter.Int32BitsToSingle(low));
    }

    /// <summary>
    /// The cheapest threshold whose accuracy is at most <paramref name="maxLossPoints"/> percentage points below
    /// the cloud model alone.
    /// </summary>
    public static CascadeRow ForAccuracyLoss(CascadeAnalysis analysis, double maxLossPoints)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!(maxLossPoints >= 0 && maxLossPoints <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(maxLossPoints), maxLossPoints, "an accuracy loss is in percentage points, in [0,100]");
        }

        // The target as a share of the edge-to-cloud gap, which is what the cascade search works in. Without a gap
        // the edge alone already meets any loss target.
        var gap = analysis.CloudAccuracy - analysis.EdgeAccuracy;
        var targetAccuracy = analysis.CloudAccuracy - (maxLossPoints / 100);
        var targetGapRecovered = gap <= 0 ? 0 : ((targetAccuracy - analysis.EdgeAccuracy) / gap) - Tolerance;
        return analysis.SmallestEscalationFor(targetGapRecovered)
            ?? throw new InvalidOperationException("escalating every image should meet any accuracy-loss target");
    }
}

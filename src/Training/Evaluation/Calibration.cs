namespace HybridInference.Training.Evaluation;

/// <summary>Expected calibration error: how far top-probability confidence is from observed accuracy.</summary>
public static class Calibration
{
    /// <summary>ECE over <paramref name="bins"/> equal-width confidence bins, weighted by bin population.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<float> confidences, IReadOnlyList<bool> correct, int bins = 15)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        if (confidences.Count != correct.Count || confidences.Count == 0)
        {
            throw new ArgumentException($"{confidences.Count} confidences for {correct.Count} results");
        }

        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctSum = new double[bins];
        for (var i = 0; i < confidences.Count; i++)
        {
            var bin = Math.Min(bins - 1, (int)(confidences[i] * bins));
            count[bin]++;
            confidenceSum[bin] += confidences[i];
            correctSum[bin] += correct[i] ? 1 : 0;
        }

        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += Math.Abs(confidenceSum[b] - correctSum[b]) / confidences.Count;
            }
        }

        return ece;
    }
}

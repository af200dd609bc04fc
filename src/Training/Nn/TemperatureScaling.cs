namespace HybridInference.Training.Nn;

/// <summary>
/// Fits the softmax temperature that minimises the negative log-likelihood of held-out labels (Guo et al.
/// 2017). Networks trained with cross-entropy tend to be over-confident; the cascade compares confidences
/// with a threshold, so those confidences must mean what they say.
/// </summary>
public static class TemperatureScaling
{
    private const double MinLogTemperature = -3.0;
    private const double MaxLogTemperature = 3.0;

    /// <summary>The best temperature for <paramref name="logits"/> ([count, classes] row-major).</summary>
    public static float Fit(ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, int classCount)
    {
        if (logits.Length != labels.Length * classCount || labels.Length == 0)
        {
            throw new ArgumentException($"{logits.Length} logits do not match {labels.Length} labels of {classCount} classes", nameof(logits));
        }

        var data = logits.ToArray();
        var targets = labels.ToArray();

        // The NLL is convex in 1/T, hence unimodal in log T: a golden-section search needs no gradient.
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double lo = MinLogTemperature, hi = MaxLogTemperature;
        var a = hi - (ratio * (hi - lo));
        var b = lo + (ratio * (hi - lo));
        var fa = NegativeLogLikelihood(data, targets, classCount, Math.Exp(a));
        var fb = NegativeLogLikelihood(data, targets, classCount, Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = NegativeLogLikelihood(data, targets, classCount, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = NegativeLogLikelihood(data, targets, classCount, Math.Exp(b));
            }
        }

        return (float)Math.Exp((lo + hi) / 2);
    }

    /// <summary>Mean negative log-likelihood of softmax(logits / temperature).</summary>
    public static double NegativeLogLikelihood(float[] logits, byte[] labels, int classCount, double temperature)
    {
        double total = 0;
        for (var n = 0; n < labels.Length; n++)
        {
            var row = logits.AsSpan(n * classCount, classCount);
            double max = double.NegativeInfinity;
            foreach (var value in row)
            {
                max = Math.Max(max, value / temperature);
            }

            double sum = 0;
            foreach (var value in row)
            {
                sum += Math.Exp((value / temperature) - max);
            }

            total += Math.Log(sum) + max - (row[labels[n]] / temperature);
        }

        return total / labels.Length;
    }
}

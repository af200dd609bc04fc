namespace HybridInference.ModelPipeline.Gates;

/// <summary>What a candidate must meet against the champion on the held-out images.</summary>
public sealed record GateOptions
{
    /// <value>Largest accuracy drop below the champion, as a fraction (0.01 = one point). Defaults to 0.01.</value>
    public double MaxAccuracyDrop { get; init; } = 0.01;

    /// <value>Lowest recall of any class (the committed edge model's weakest, Shirt, has 0.574). Defaults to 0.45.</value>
    public double MinClassRecall { get; init; } = 0.45;

    /// <value>Largest p95 single-image latency in ONNX Runtime (CPU, one thread), in ms. Defaults to 1.0.</value>
    public double MaxP95LatencyMs { get; init; } = 1.0;

    public IEnumerable<string> Errors()
    {
        if (!(MaxAccuracyDrop >= 0 && MaxAccuracyDrop <= 1))
        {
            yield return $"MaxAccuracyDrop must be in [0, 1] (was {MaxAccuracyDrop})";
        }

        if (!(MinClassRecall >= 0 && MinClassRecall <= 1))
        {
            yield return $"MinClassRecall must be in [0, 1] (was {MinClassRecall})";
        }

        if (!(MaxP95LatencyMs > 0 && double.IsFinite(MaxP95LatencyMs)))
        {
            yield return $"MaxP95LatencyMs must be a positive number (was {MaxP95LatencyMs})";
        }
    }
}

namespace HybridInference.ModelPipeline.Validation;

/// <summary>Thresholds of the data checks; the defaults were measured on Fashion-MNIST (see docs/PIPELINE.md).</summary>
public sealed record DataValidationOptions
{
    /// <value>Fewest images a batch of new data may have. Defaults to 1,000.</value>
    public int MinImages { get; init; } = 1000;

    /// <value>Fewest images of each class (every class must be present). Defaults to 10.</value>
    public int MinImagesPerClass { get; init; } = 10;

    /// <value>Largest share one class may have (Fashion-MNIST is balanced at 0.10). Defaults to 0.25.</value>
    public double MaxClassShare { get; init; } = 0.25;

    /// <value>Largest share of blank or flat images (pixel range below 0.1: a dead or covered camera). Defaults to 0.01.</value>
    public double MaxFlatImageShare { get; init; } = 0.01;

    /// <value>Largest population stability index of the per-image mean intensity against the training data. Defaults to 0.1.</value>
    public double MaxIntensityPsi { get; init; } = 0.1;

    /// <value>Largest RMS distance between a class's mean image in the new data and in the training data. Defaults to 0.05.</value>
    public double MaxClassMeanDistance { get; init; } = 0.05;

    public IEnumerable<string> Errors()
    {
        if (MinImages < 1)
        {
            yield return $"MinImages must be at least 1 (was {MinImages})";
        }

        if (MinImagesPerClass < 1)
        {
            yield return $"MinImagesPerClass must be at least 1 (was {MinImagesPerClass})";
        }

        if (!(MaxClassShare > 0.1 && MaxClassShare <= 1))
        {
            yield return $"MaxClassShare must be in (0.1, 1] (was {MaxClassShare}): ten balanced classes already have 0.1 each";
        }

        if (!(MaxFlatImageShare >= 0 && MaxFlatImageShare <= 1))
        {
            yield return $"MaxFlatImageShare must be in [0, 1] (was {MaxFlatImageShare})";
        }

        if (!(MaxIntensityPsi > 0 && double.IsFinite(MaxIntensityPsi)))
        {
            yield return $"MaxIntensityPsi must be a positive number (was {MaxIntensityPsi})";
        }

        if (!(MaxClassMeanDistance > 0 && MaxClassMeanDistance <= 1))
        {
            yield return $"MaxClassMeanDistance must be in (0, 1] (was {MaxClassMeanDistance})";
        }
    }
}

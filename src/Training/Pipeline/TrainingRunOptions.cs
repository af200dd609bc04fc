using HybridInference.Training.Data;

namespace HybridInference.Training.Pipeline;

/// <summary>Settings of one <c>train</c> run; <see cref="Validate"/> reports every bad field at once.</summary>
public sealed record TrainingRunOptions
{
    /// <value>Model repository root; models land in OUT/NAME/VERSION/. Defaults to "models".</value>
    public string OutputDirectory { get; init; } = "models";

    /// <value>Folder with train-*.gz. Defaults to Debian's dataset-fashion-mnist folder.</value>
    public string TrainDirectory { get; init; } = FashionMnist.DebianDirectory;

    /// <value>Folder with t10k-*.gz. Defaults to the committed copy.</value>
    public string TestDirectory { get; init; } = FashionMnist.RepositoryDirectory;

    /// <value>Seeds the validation split, initialisation and shuffling. Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Version folder to write. Defaults to 1.</value>
    public int Version { get; init; } = 1;

    /// <value>Training images held out to fit the temperature. Defaults to 5000.</value>
    public int ValidationCount { get; init; } = 5000;

    /// <value>Use only the first N training images (quick runs); 0 = all. Defaults to 0.</value>
    public int TrainLimit { get; init; }

    /// <value>Edge model epochs. Defaults to 10.</value>
    public int EdgeEpochs { get; init; } = 10;

    /// <value>Cloud model epochs. Defaults to 10.</value>
    public int CloudEpochs { get; init; } = 10;

    /// <value>Skip the latency benchmark (tests). Defaults to false.</value>
    public bool SkipLatency { get; init; }

    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("OutputDirectory must be set");
        }

        if (string.IsNullOrWhiteSpace(TrainDirectory))
        {
            errors.Add("TrainDirectory must be set");
        }

        if (string.IsNullOrWhiteSpace(TestDirectory))
        {
            errors.Add("TestDirectory must be set");
        }

        if (Version < 1)
        {
            errors.Add($"Version must be at least 1 (was {Version})");
        }

        if (ValidationCount < 10)
        {
            errors.Add($"ValidationCount must be at least 10 (was {ValidationCount})");
        }

        if (TrainLimit < 0 || (TrainLimit > 0 && TrainLimit <= ValidationCount))
        {
            errors.Add($"TrainLimit must be 0 (all) or more than ValidationCount {ValidationCount} (was {TrainLimit})");
        }

        if (EdgeEpochs is < 1 or > 1000)
        {
            errors.Add($"EdgeEpochs must be 1..1000 (was {EdgeEpochs})");
        }

        if (CloudEpochs is < 1 or > 1000)
        {
            errors.Add($"CloudEpochs must be 1..1000 (was {CloudEpochs})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid training options: " + string.Join("; ", errors));
        }
    }
}

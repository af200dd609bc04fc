using HybridInference.Training.Data;

namespace HybridInference.Training.Pipeline;

/// <summary>Settings of one <c>train</c> run; <see cref="Validate"/> reports every bad field at once.</summary>
public sealed record TrainingRunOptions
{
    /// <value>Model repository root; models land in OUT/NAME/VERSION/. Defaults to "models".</value>
    public string OutputDirectory { get; init; } = "models";

    /// <value>
    /// Folder with train-*.gz. Defaults to null: Debian's dataset-fashion-mnist folder when installed, else the
    /// committed 5,000-image subset (see <see cref="FashionMnist.DefaultTrainDirectory"/>).
    /// </value>
    public string? TrainDirectory { get; init; }

    /// <value>Folder with t10k-*.gz. Defaults to the committed copy.</value>
    public string TestDirectory { get; init; } = FashionMnist.RepositoryDirectory;

    /// <value>Seeds the validation split, initialisation and shuffling. Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Version folder to write. Defaults to 1.</value>
    public int Version { get; init; } = 1;

    /// <value>Share of the training images held out to fit the temperature. Defaults to 1/12 (5,000 of 60,000).</value>
    public double ValidationFraction { get; init; } = 1 / 12.0;

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

        if (TrainDirectory is not null && string.IsNullOrWhiteSpace(TrainDirectory))
        {
            errors.Add("TrainDirectory must be null (default) or a folder");
        }

        if (string.IsNullOrWhiteSpace(TestDirectory))
        {
            errors.Add("TestDirectory must be set");
        }

        if (Version < 1)
        {
            errors.Add($"Version must be at least 1 (was {Version})");
        }

        if (!(ValidationFraction > 0 && ValidationFraction <= 0.5))
        {
            errors.Add($"ValidationFraction must be in (0, 0.5] (was {ValidationFraction})");
        }

        if (TrainLimit is < 0 or (> 0 and < 20))
        {
            errors.Add($"TrainLimit must be 0 (all) or at least 20 (was {TrainLimit})");
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

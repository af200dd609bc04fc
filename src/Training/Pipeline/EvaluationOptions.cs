using HybridInference.Training.Data;

namespace HybridInference.Training.Pipeline;

/// <summary>Settings of one <c>evaluate</c> run; <see cref="Validate"/> reports every bad field at once.</summary>
public sealed record EvaluationOptions
{
    /// <value>Model repository root. Defaults to "models".</value>
    public string ModelsDirectory { get; init; } = "models";

    /// <value>Version of both models to evaluate. Defaults to 1.</value>
    public int Version { get; init; } = 1;

    /// <value>Folder with t10k-*.gz. Defaults to the committed copy.</value>
    public string TestDirectory { get; init; } = FashionMnist.RepositoryDirectory;

    /// <value>Share of the edge-to-cloud accuracy gap the cascade must recover. Defaults to 0.9.</value>
    public double TargetGapRecovered { get; init; } = 0.9;

    /// <value>Seeds the random parts of the degradations. Defaults to 7.</value>
    public int Seed { get; init; } = 7;

    /// <value>Also measure degraded inputs. Defaults to true.</value>
    public bool IncludeDegradations { get; init; } = true;

    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelsDirectory))
        {
            errors.Add("ModelsDirectory must be set");
        }

        if (string.IsNullOrWhiteSpace(TestDirectory))
        {
            errors.Add("TestDirectory must be set");
        }

        if (Version < 1)
        {
            errors.Add($"Version must be at least 1 (was {Version})");
        }

        if (!(TargetGapRecovered > 0 && TargetGapRecovered <= 1))
        {
            errors.Add($"TargetGapRecovered must be in (0,1] (was {TargetGapRecovered})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid evaluation options: " + string.Join("; ", errors));
        }
    }
}

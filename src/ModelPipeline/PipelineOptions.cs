using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline;

/// <summary>
/// One pipeline run's settings; stored in the run document, so a resumed run uses exactly these. Paths should
/// be absolute for the same reason (the command makes them so).
/// </summary>
public sealed record PipelineOptions
{
    /// <value>Registry model name. Defaults to fashion-edge.</value>
    public string Model { get; init; } = "fashion-edge";

    /// <value>Folder of new labelled images (train-*.gz or t10k-*.gz IDX files). Required.</value>
    public string DataDirectory { get; init; } = "";

    /// <value>Folder with the committed test split (t10k-*.gz), from which the held-out images come. Defaults to data/fashion-mnist.</value>
    public string TestDirectory { get; init; } = FashionMnist.RepositoryDirectory;

    /// <value>The last N images of the test split are the held-out set for the gates; new images equal to one of them are dropped from training. Defaults to 5,000.</value>
    public int HoldoutCount { get; init; } = 5000;

    /// <value>Training data that drift is measured against; null = the Debian package's training split, else the committed subset. Defaults to null.</value>
    public string? ReferenceDirectory { get; init; }

    /// <value>Use the first N reference images for the drift checks. Defaults to 10,000.</value>
    public int ReferenceLimit { get; init; } = 10_000;

    /// <value>Train on the new data merged with this folder's train-*.gz (the original training data); null = new data only. Defaults to null.</value>
    public string? MergeTrainDirectory { get; init; }

    /// <value>Use the first N images of <see cref="MergeTrainDirectory"/>; 0 = all. Defaults to 0.</value>
    public int MergeLimit { get; init; }

    /// <value>Candidate training epochs. Defaults to 10.</value>
    public int Epochs { get; init; } = 10;

    /// <value>Candidate training seed. Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Permute the training labels: a deliberately bad candidate (rehearsing a rollback; loosen the gates to let it through). Defaults to false.</value>
    public bool ShuffleLabels { get; init; }

    /// <value>Share of training labels replaced by a wrong class (same purpose). Defaults to 0.</value>
    public double LabelNoise { get; init; }

    public DataValidationOptions Validation { get; init; } = new();

    public GateOptions Gates { get; init; } = new();

    /// <value>Start a rollout of the registered challenger. Defaults to false.</value>
    public bool Rollout { get; init; }

    /// <value>Who the registry's audit trail names. Defaults to model-pipeline.</value>
    public string Actor { get; init; } = "model-pipeline";

    /// <value>Stop (resumably) after this step; null = run every step. Defaults to null.</value>
    public string? StopAfter { get; init; }

    /// <summary>Every bad field in one <see cref="ArgumentException"/>, whose ParamName is the first.</summary>
    public void Validate()
    {
        var errors = new List<(string Field, string Message)>();
        if (string.IsNullOrWhiteSpace(Model) || !System.Text.RegularExpressions.Regex.IsMatch(Model, "^[a-z0-9][a-z0-9._-]{0,62}$"))
        {
            errors.Add((nameof(Model), $"must be a registry model name (lower-case letters, digits, '.', '_', '-'), was '{Model}'"));
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add((nameof(DataDirectory), "is required: the folder of new labelled IDX files"));
        }

        if (string.IsNullOrWhiteSpace(TestDirectory))
        {
            errors.Add((nameof(TestDirectory), "is required"));
        }

        if (HoldoutCount < 100)
        {
            errors.Add((nameof(HoldoutCount), $"must be at least 100 (was {HoldoutCount}): fewer images cannot tell a point of accuracy apart"));
        }

        if (ReferenceDirectory is not null && string.IsNullOrWhiteSpace(ReferenceDirectory))
        {
            errors.Add((nameof(ReferenceDirectory), "must be null (default) or a folder"));
        }

        if (ReferenceLimit < 100)
        {
            errors.Add((nameof(ReferenceLimit), $"must be at least 100 (was {ReferenceLimit})"));
        }

        if (MergeTrainDirectory is not null && string.IsNullOrWhiteSpace(MergeTrainDirectory))
        {
            errors.Add((nameof(MergeTrainDirectory), "must be null (new data only) or a folder"));
        }

        if (MergeLimit < 0)
        {
            errors.Add((nameof(MergeLimit), $"must be 0 (all) or positive (was {MergeLimit})"));
        }

        if (Epochs is < 1 or > 1000)
        {
            errors.Add((nameof(Epochs), $"must be 1..1000 (was {Epochs})"));
        }

        if (!(LabelNoise >= 0 && LabelNoise <= 1))
        {
            errors.Add((nameof(LabelNoise), $"must be in [0, 1] (was {LabelNoise})"));
        }

        if (string.IsNullOrWhiteSpace(Actor))
        {
            errors.Add((nameof(Actor), "is required (the registry's audit trail names it)"));
        }

        if (StopAfter is not null && !PipelineSteps.All.Contains(StopAfter))
        {
            errors.Add((nameof(StopAfter), $"must be one of {string.Join(", ", PipelineSteps.All)} (was '{StopAfter}')"));
        }

        errors.AddRange((Validation ?? new()).Errors().Select(e => ("Validation", e)));
        errors.AddRange((Gates ?? new()).Errors().Select(e => ("Gates", e)));
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid pipeline options: " + string.Join("; ", errors.Select(e => e.Field == "Validation" || e.Field == "Gates" ? $"{e.Field}.{e.Message}" : $"{e.Field} {e.Message}")), errors[0].Field);
        }
    }
}

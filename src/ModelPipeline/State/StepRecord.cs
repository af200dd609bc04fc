namespace HybridInference.ModelPipeline.State;

/// <summary>One step's result in the run document: verdict, one-line summary, its checks and its outputs.</summary>
public sealed record StepRecord
{
    public required string Name { get; init; }

    public StepStatus Status { get; init; } = StepStatus.Pending;

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string Summary { get; init; } = "";

    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Values later steps need on resume (e.g. championVersion, candidateVersion, rolloutId).</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
}

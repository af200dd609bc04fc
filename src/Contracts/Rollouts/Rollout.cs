namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// A rollout's whole state, stored as one document after every change so that any registry replica, or
/// the same one after a restart, resumes it where it was.
/// </summary>
public sealed record Rollout
{
    public required string Id { get; init; }

    public required RolloutSpec Spec { get; init; }

    public required string Model { get; init; }

    public required int Candidate { get; init; }

    public required int Stable { get; init; }

    public RolloutPhase Phase { get; init; } = RolloutPhase.Progressing;

    /// <summary>Index into <see cref="RolloutSpec.Steps"/> of the current step.</summary>
    public int Step { get; init; }

    /// <summary>
    /// Percent of the fleet's devices on the candidate now (0 after a rollback); for a cloud model, percent of
    /// the route's cloud calls the candidate answers.
    /// </summary>
    public int Weight { get; init; }

    /// <summary>For a cloud model, the router's route whose cloud calls are split by weight; null for an edge model.</summary>
    public string? CloudRoute { get; init; }

    /// <summary>For a cloud model, whether the cloud served the candidate yet: until then it gets no traffic.</summary>
    public bool CloudServing { get; init; }

    /// <summary>The devices running the candidate, chosen by a stable hash.</summary>
    public IReadOnlyList<string> CanaryDevices { get; init; } = [];

    public int SuccessesAtStep { get; init; }

    public int FailedAnalyses { get; init; }

    /// <summary>Inconclusive analyses since the last verdict.</summary>
    public int InconclusiveInARow { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset StepStartedAt { get; init; }

    public DateTimeOffset? LastAnalysisAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required string StartedBy { get; init; }

    /// <summary>A gate webhook's hold, shown until the gate lets the step through.</summary>
    public string? HeldBy { get; init; }

    public IReadOnlyList<RolloutEvent> Events { get; init; } = [];

    public IReadOnlyList<AnalysisResult> Analyses { get; init; } = [];

    public bool IsFinished => Phase is RolloutPhase.Promoted or RolloutPhase.RolledBack;

    public Rollout With(RolloutEvent entry) => this with { Events = [.. Events, entry] };
}

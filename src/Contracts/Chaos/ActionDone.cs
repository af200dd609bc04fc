namespace HybridInference.Contracts.Chaos;

/// <summary>
/// The body of <c>POST /api/experiments/runs/{id}/actions/{action}</c>: the harness took an announced action.
/// Both fields are optional: <see cref="PerformedAt"/> defaults to when ChaosLab hears of it, and a
/// <c>rollout-start</c> needs the rollout's id as its <see cref="Detail"/>.
/// </summary>
public sealed record ActionDone(DateTimeOffset? PerformedAt, string? Detail);

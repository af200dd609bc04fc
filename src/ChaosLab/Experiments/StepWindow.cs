namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// When a fault or action of a run took effect (ms since the run's start); <see cref="EndMs"/> null for actions and
/// faults never ended. <see cref="Detail"/> is the harness's word on an action (for <c>rollout-start</c>, the rollout's id).
/// </summary>
public sealed record StepWindow(string Id, double StartMs, double? EndMs, string? Detail = null);

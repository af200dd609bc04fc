namespace HybridInference.ChaosLab.Experiments;

/// <summary>When a fault or action of a run took effect (ms since the run's start); <see cref="EndMs"/> null for actions and faults never ended.</summary>
public sealed record StepWindow(string Id, double StartMs, double? EndMs);

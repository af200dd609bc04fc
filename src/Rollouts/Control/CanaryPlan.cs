using HybridInference.Rollouts.Spec;

namespace HybridInference.Rollouts.Control;

/// <summary>A new rollout as its canary target shapes it: the spec it is judged by, its cloud route (null on devices), its first canary devices.</summary>
public sealed record CanaryPlan(RolloutSpec Spec, string? CloudRoute, IReadOnlyList<string> CanaryDevices);

using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>A rollout after its target brought the world in line with it; <paramref name="Changed"/> when that is to be saved at once.</summary>
public sealed record CanarySync(Rollout Rollout, bool Changed);

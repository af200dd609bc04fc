using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>A webhook notification decided under the engine's lock and sent after it.</summary>
public sealed record RolloutNotice(Rollout Rollout, string Type, string Message);

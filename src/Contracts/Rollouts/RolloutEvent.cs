namespace HybridInference.Contracts.Rollouts;

/// <summary>One line of a rollout's timeline: what happened, when, by whom, and why.</summary>
public sealed record RolloutEvent(DateTimeOffset At, string Kind, string Message, string Actor, int Weight);

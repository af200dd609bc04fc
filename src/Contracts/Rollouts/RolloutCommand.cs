namespace HybridInference.Contracts.Rollouts;

/// <summary>The optional body of a rollout command: who asks and why.</summary>
public sealed record RolloutCommand(string? Actor, string? Reason);

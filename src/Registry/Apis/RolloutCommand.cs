namespace HybridInference.Registry.Apis;

/// <summary>The optional body of a rollout command: who asks and why.</summary>
public sealed record RolloutCommand(string? Actor, string? Reason);

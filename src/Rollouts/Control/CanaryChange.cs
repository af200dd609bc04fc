namespace HybridInference.Rollouts.Control;

/// <summary>What a step or a promotion made of the canary: the devices now on the candidate, and how the event says where.</summary>
public sealed record CanaryChange(IReadOnlyList<string> Devices, string Where);

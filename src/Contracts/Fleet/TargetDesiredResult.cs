namespace HybridInference.Contracts.Fleet;

/// <summary>A desired state given to a group or a site: the target, the state, and the devices it reached now.</summary>
public sealed record TargetDesiredResult(string Target, DesiredState Desired, IReadOnlyList<string> Devices);

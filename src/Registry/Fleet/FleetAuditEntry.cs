namespace HybridInference.Registry.Fleet;

/// <summary>One change of a device's desired state: who, when, from what, to what, why.</summary>
public sealed record FleetAuditEntry(string Id, string Device, string Action, string? From, string To, string Actor, string? Reason, DateTimeOffset At);

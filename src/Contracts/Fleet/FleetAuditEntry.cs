namespace HybridInference.Contracts.Fleet;

/// <summary>
/// One change of desired state (<c>GET /api/fleet/audit</c>): who, when, from what, to what, why. <see cref="Device"/>
/// is the device id, or the target (<c>group:{name}</c>, <c>site:{name}</c>, <c>devices</c>) of a change to several
/// devices at once, which then lists them in <see cref="Devices"/>.
/// </summary>
public sealed record FleetAuditEntry(
    string Id,
    string Device,
    string Action,
    string? From,
    string To,
    string Actor,
    string? Reason,
    DateTimeOffset At,
    IReadOnlyList<string>? Devices = null);

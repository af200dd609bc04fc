namespace HybridInference.Router.Fleet;

/// <summary>
/// The part of the registry's <c>GET /api/fleet/devices</c> entries (its <c>DeviceView</c>) that routing reads;
/// other properties are ignored, so the registry can add fields without breaking the router.
/// </summary>
public sealed record RegistryDeviceJson(string? Id, string? Site, string? State, string? Health, DateTimeOffset? LastSeen, RegistryDesiredJson? Desired);

/// <summary>The part of a device's desired state that routing reads: its generation and routing rules.</summary>
public sealed record RegistryDesiredJson(long Generation, IReadOnlyList<RegistryRuleJson?>? Rules);

/// <summary>A routing rule as the registry holds it: a name and an expression in the rule language.</summary>
public sealed record RegistryRuleJson(string? Name, string? Expression);

namespace HybridInference.Registry.Fleet;

/// <summary>What a device told the registry about itself when it registered.</summary>
public sealed record DeviceRecord(
    string Id,
    string Site,
    string Group,
    string Hardware,
    string SoftwareVersion,
    DateTimeOffset FirstRegisteredAt,
    DateTimeOffset RegisteredAt);

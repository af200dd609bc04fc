namespace HybridInference.Router.Fleet;

/// <summary>One device list read from the registry, immutable, so a request sees one consistent list.</summary>
/// <param name="ReadAt">When it was read; null for the empty list before any read.</param>
public sealed record FleetSnapshot(IReadOnlyDictionary<string, FleetDevice> Devices, DateTimeOffset? ReadAt)
{
    public static FleetSnapshot Empty { get; } = new(new Dictionary<string, FleetDevice>(StringComparer.Ordinal), null);

    /// <summary>The device, or null when the registry does not know it (then the router's own checks judge it).</summary>
    public FleetDevice? Find(string deviceId) => Devices.GetValueOrDefault(deviceId);
}

namespace HybridInference.Registry.Fleet;

/// <summary>A desired state was asked for devices that are not registered; nothing was written.</summary>
public sealed class UnknownDevicesException(IReadOnlyList<string> devices)
    : Exception($"not registered: {string.Join(", ", devices)}; nothing was changed")
{
    public IReadOnlyList<string> Devices { get; } = devices;
}

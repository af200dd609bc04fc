using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Device;

/// <summary>What <c>GET /device</c> answers: the node's identity and its simulated device's state.</summary>
public sealed record DeviceHealth(
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("fleetGroup")] string FleetGroup,
    [property: JsonPropertyName("gpuTemperatureCelsius")] double GpuTemperatureCelsius,
    [property: JsonPropertyName("gpuUtilisation")] double GpuUtilisation,
    [property: JsonPropertyName("gpuMemoryUsedMiB")] double GpuMemoryUsedMiB,
    [property: JsonPropertyName("gpuMemoryTotalMiB")] double GpuMemoryTotalMiB,
    [property: JsonPropertyName("throttled")] bool Throttled,
    [property: JsonPropertyName("fault")] DeviceFault Fault,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt);

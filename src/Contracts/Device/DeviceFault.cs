using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Device;

/// <summary>
/// A fault injected into the simulated device (by ChaosLab through <c>PUT /device/fault</c>): extra heat
/// (a failed fan), a forced throttle, a competing workload, a memory leak.
/// </summary>
public sealed record DeviceFault
{
    /// <summary>Added to the temperature the device settles at.</summary>
    [Range(-100, 200)]
    [JsonPropertyName("extraCelsius")]
    public double ExtraCelsius { get; init; }

    /// <summary>Throttle regardless of temperature.</summary>
    [JsonPropertyName("forceThrottle")]
    public bool ForceThrottle { get; init; }

    /// <summary>Utilisation taken by another workload, 0..1.</summary>
    [Range(0, 1)]
    [JsonPropertyName("extraUtilisation")]
    public double ExtraUtilisation { get; init; }

    /// <summary>Memory held by a leak, MiB.</summary>
    [Range(0, 1_048_576)]
    [JsonPropertyName("leakedMemoryMiB")]
    public double LeakedMemoryMiB { get; init; }

    /// <summary>The node sends no telemetry to the fleet manager (a wedged agent, a dead link to it).</summary>
    [JsonPropertyName("stopReporting")]
    public bool StopReporting { get; init; }

    public static DeviceFault None { get; } = new();
}

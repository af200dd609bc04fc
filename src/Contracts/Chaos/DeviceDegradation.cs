using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>What a <see cref="FaultKind.Device"/> fault does to an edge node's simulated device.</summary>
public sealed record DeviceDegradation
{
    /// <summary>Degrees added to the temperature the device settles at (a failed fan), -100..200.</summary>
    [JsonPropertyName("temperatureRiseCelsius")]
    public double TemperatureRiseCelsius { get; init; }

    /// <summary>The device throttles regardless of its temperature (inference really slower).</summary>
    [JsonPropertyName("throttle")]
    public bool Throttle { get; init; }

    /// <summary>MiB of device memory held by something else (a leak), 0..1048576.</summary>
    [JsonPropertyName("memoryPressureMiB")]
    public double MemoryPressureMiB { get; init; }

    /// <summary>Utilisation taken by a competing workload, 0..1.</summary>
    [JsonPropertyName("extraUtilisation")]
    public double ExtraUtilisation { get; init; }

    /// <summary>The node stops sending telemetry to the fleet manager.</summary>
    [JsonPropertyName("stopReporting")]
    public bool StopReporting { get; init; }

    /// <summary>True when the degradation would change nothing.</summary>
    [JsonIgnore]
    public bool IsEmpty => TemperatureRiseCelsius == 0 && !Throttle && MemoryPressureMiB == 0 && ExtraUtilisation == 0 && !StopReporting;
}

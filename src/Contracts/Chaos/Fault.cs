using System.Globalization;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// One validated fault, as the store and the API carry it. Every fault ends at <see cref="ExpiresAt"/>:
/// the store drops it by TTL and every service drops it by its own clock, so a fault outlives neither
/// ChaosLab nor a store it cannot read.
/// </summary>
public sealed record Fault
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public required FaultKind Kind { get; init; }

    /// <summary>The service the fault acts in (its resource name, e.g. <c>router</c>, <c>edge-1</c>).</summary>
    [JsonPropertyName("service")]
    public required string Service { get; init; }

    /// <summary>Link kinds: the service called (e.g. <c>cloud-inference</c>, <c>registry</c>, <c>edge-2</c>), or <c>*</c> for every one.</summary>
    [JsonPropertyName("destination")]
    public string? Destination { get; init; }

    /// <summary>Endpoint kinds: the path prefix of the requests it acts on (<c>/</c> = every request).</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("latencyMs")]
    public int? LatencyMs { get; init; }

    [JsonPropertyName("jitterMs")]
    public int? JitterMs { get; init; }

    [JsonPropertyName("statusCode")]
    public int? StatusCode { get; init; }

    [JsonPropertyName("exception")]
    public LinkException? Exception { get; init; }

    /// <summary>Share of the calls (or images) the fault acts on, 0..1.</summary>
    [JsonPropertyName("rate")]
    public double Rate { get; init; } = 1;

    [JsonPropertyName("mode")]
    public PartitionMode? Mode { get; init; }

    [JsonPropertyName("device")]
    public DeviceDegradation? Device { get; init; }

    /// <summary>Model noise: standard deviation of the Gaussian noise added to each input value (inputs are in [0,1]).</summary>
    [JsonPropertyName("noise")]
    public double? Noise { get; init; }

    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("startsAt")]
    public required DateTimeOffset StartsAt { get; init; }

    [JsonPropertyName("expiresAt")]
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where it acts, in one string: <c>router->cloud-inference</c>, <c>edge-1:/v2</c>, <c>edge-1</c>.</summary>
    [JsonPropertyName("target")]
    public string Target => Kind.IsLink() ? $"{Service}->{Destination}" : Kind.IsEndpoint() ? $"{Service}:{Endpoint}" : Service;

    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < ExpiresAt;

    /// <summary>One line for health descriptions and logs, naming the fault, what it does and when it ends.</summary>
    public string Describe()
    {
        var effect = Kind switch
        {
            FaultKind.LinkLatency or FaultKind.EndpointLatency => $"+{LatencyMs} ms" + (JitterMs > 0 ? $" (jitter {JitterMs} ms)" : ""),
            FaultKind.LinkError or FaultKind.EndpointError => StatusCode is { } status ? $"status {status}" : $"exception {Exception}",
            FaultKind.LinkPartition => Mode == PartitionMode.Hang ? "cut (hang)" : "cut (fail fast)",
            FaultKind.ModelNoise => $"input noise sd {Noise?.ToString(CultureInfo.InvariantCulture)}",
            FaultKind.Device => DescribeDevice(Device),
            _ => "unreachable",
        };
        var rate = Rate < 1 ? $" at rate {Rate.ToString(CultureInfo.InvariantCulture)}" : "";
        return $"{Id} {Kind.ToName()} {Target} {effect}{rate} until {ExpiresAt:O}";
    }

    private static string DescribeDevice(DeviceDegradation? device)
    {
        if (device is null)
        {
            return "";
        }

        List<string> parts = [];
        if (device.TemperatureRiseCelsius != 0)
        {
            parts.Add($"+{device.TemperatureRiseCelsius.ToString(CultureInfo.InvariantCulture)} °C");
        }

        if (device.Throttle)
        {
            parts.Add("throttled");
        }

        if (device.MemoryPressureMiB > 0)
        {
            parts.Add($"{device.MemoryPressureMiB.ToString(CultureInfo.InvariantCulture)} MiB held");
        }

        if (device.ExtraUtilisation > 0)
        {
            parts.Add($"+{device.ExtraUtilisation.ToString(CultureInfo.InvariantCulture)} utilisation");
        }

        if (device.StopReporting)
        {
            parts.Add("not reporting");
        }

        return string.Join(", ", parts);
    }
}

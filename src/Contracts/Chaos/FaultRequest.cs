using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// A fault as a client asks for it (<c>POST /api/faults</c>). Every field is optional here, and names are
/// plain strings, so that <see cref="FaultValidator"/> can answer each mistake by its field instead of a
/// JSON error about an enum.
/// </summary>
public sealed record FaultRequest
{
    /// <summary>Optional id (lower-case letters, digits, '-'); generated when absent.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>One of <see cref="FaultKinds.All"/>.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("service")] public string? Service { get; init; }

    [JsonPropertyName("destination")] public string? Destination { get; init; }

    [JsonPropertyName("endpoint")] public string? Endpoint { get; init; }

    [JsonPropertyName("latencyMs")] public int? LatencyMs { get; init; }

    [JsonPropertyName("jitterMs")] public int? JitterMs { get; init; }

    [JsonPropertyName("statusCode")] public int? StatusCode { get; init; }

    /// <summary><c>connection-failed</c> or <c>timeout</c> (link errors only).</summary>
    [JsonPropertyName("exception")] public string? Exception { get; init; }

    [JsonPropertyName("rate")] public double? Rate { get; init; }

    /// <summary><c>fail-fast</c> (default) or <c>hang</c> (partitions only).</summary>
    [JsonPropertyName("mode")] public string? Mode { get; init; }

    [JsonPropertyName("device")] public DeviceDegradation? Device { get; init; }

    [JsonPropertyName("noise")] public double? Noise { get; init; }

    /// <summary>When it starts; now when absent.</summary>
    [JsonPropertyName("startsAt")] public DateTimeOffset? StartsAt { get; init; }

    /// <summary>How long it lasts from its start; give this or <see cref="ExpiresAt"/>.</summary>
    [JsonPropertyName("durationSeconds")] public double? DurationSeconds { get; init; }

    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; init; }
}

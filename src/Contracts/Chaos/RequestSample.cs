using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// One request the experiment sent and what came back. <see cref="Status"/> is 0 when no HTTP answer came at
/// all (refused, reset, timed out); only a 200 counts as answered.
/// </summary>
public sealed record RequestSample(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("atMs")] double AtMs,
    [property: JsonPropertyName("latencyMs")] double LatencyMs,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("label")] int Label,
    [property: JsonPropertyName("predicted")] int? Predicted = null,
    [property: JsonPropertyName("tier")] string? Tier = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("edgeNode")] string? EdgeNode = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("edgeModelVersion")] string? EdgeModelVersion = null)
{
    [JsonIgnore] public bool Answered => Status == 200;

    [JsonIgnore] public double EndMs => AtMs + LatencyMs;
}

using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>Something that happened during a run, <see cref="AtMs"/> after it started.</summary>
public sealed record TimelineEvent(
    [property: JsonPropertyName("atMs")] double AtMs,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("detail")] string Detail);

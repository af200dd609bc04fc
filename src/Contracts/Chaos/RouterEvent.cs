using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// A change in an edge node's state as the router's <c>GET /admin/edges</c> showed it during a run:
/// <c>out-of-rotation</c>, <c>in-rotation</c>, <c>breaker-open</c>, <c>breaker-half-open</c>, <c>breaker-closed</c>.
/// </summary>
public sealed record RouterEvent(
    [property: JsonPropertyName("atMs")] double AtMs,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("detail")] string Detail);

using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// A change of a rollout's phase or weight as the registry's <c>GET /api/rollouts/{id}</c> showed it during a run.
/// <see cref="AtMs"/> is when the runner's poll saw it, except for a finished rollout (<c>promoted</c>,
/// <c>rolled-back</c>), which carries the registry's own <c>finishedAt</c>: the poll would add up to its period.
/// </summary>
public sealed record RolloutChange(
    [property: JsonPropertyName("atMs")] double AtMs,
    [property: JsonPropertyName("rollout")] string Rollout,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("canaryDevices")] IReadOnlyList<string> CanaryDevices,
    [property: JsonPropertyName("detail")] string Detail);

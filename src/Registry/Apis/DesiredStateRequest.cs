using HybridInference.Registry.Fleet;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Body of <c>PUT /api/fleet/devices/{id}/desired</c>: a model and exactly one of <see cref="Version"/> or
/// <see cref="Alias"/> (resolved now, so a later alias move does not redeploy silently), optional routing
/// rules, and who asks and why.
/// </summary>
public sealed record DesiredStateRequest(string? Model, int? Version, string? Alias, IReadOnlyList<RuleDefinition?>? Rules, string? Actor, string? Reason);

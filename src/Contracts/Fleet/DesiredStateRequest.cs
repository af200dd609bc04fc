namespace HybridInference.Contracts.Fleet;

/// <summary>
/// Body of <c>PUT /api/fleet/devices/{id}/desired</c> (and of a group's or a site's): a model and exactly one of
/// <see cref="Version"/> or <see cref="Alias"/> (resolved when set, so a later alias move does not redeploy
/// silently), optional routing rules, and who asks (else the <see cref="FleetHeaders.Actor"/> header) and why.
/// </summary>
public sealed record DesiredStateRequest(string? Model, int? Version, string? Alias, IReadOnlyList<RuleDefinition?>? Rules, string? Actor, string? Reason);

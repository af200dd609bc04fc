namespace HybridInference.Contracts.RouterAdmin;

/// <summary>
/// An edge node's circuit breaker as the router shows it: <see cref="State"/> is <c>closed</c>, <c>open</c> or
/// <c>half-open</c>; <see cref="Opened"/> counts its openings, so a reader that polls sees one that opened and closed again.
/// </summary>
public sealed record EdgeBreakerView(string Node, string State, long Opened, DateTimeOffset? LastOpenedAt, DateTimeOffset? LastClosedAt, string? LastReason);

namespace HybridInference.Contracts.Registry;

/// <summary>One change to a model: a registration or an alias move (who, when, from, to, why).</summary>
public sealed record AuditEntry(
    string Id,
    string Model,
    string Action,
    string? Alias,
    int? From,
    int? To,
    string Actor,
    string? Reason,
    DateTimeOffset At);

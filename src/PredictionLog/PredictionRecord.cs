namespace HybridInference.PredictionLog;

/// <summary>
/// What happened to one request: who answered, with which model versions and confidences, why it was
/// escalated, how long each tier took, and the true label when the client sent one.
/// </summary>
public sealed record PredictionRecord
{
    /// <summary>The schema this version writes; a reader refuses (and the journal quarantines) a newer one.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The record's schema version (records written before it existed read as 1).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RequestId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Model { get; init; }

    /// <summary>The tier whose answer was returned: <c>edge</c>, <c>cloud</c> or <c>edge-degraded</c>.</summary>
    public required string Tier { get; init; }

    public string? Site { get; init; }

    public string? Device { get; init; }

    public string? EdgeVersion { get; init; }

    public string? CloudVersion { get; init; }

    public int? EdgeClass { get; init; }

    public double? EdgeConfidence { get; init; }

    public int? CloudClass { get; init; }

    public double? CloudConfidence { get; init; }

    /// <summary><c>low-confidence</c>, <c>priority</c>, <c>rule:&lt;name&gt;</c>, <c>audit</c>, <c>fallback</c>, or null.</summary>
    public string? EscalationReason { get; init; }

    public double? EdgeLatencyMs { get; init; }

    public double? CloudLatencyMs { get; init; }

    public required double TotalLatencyMs { get; init; }

    /// <summary>Ground truth, when the client sent it.</summary>
    public int? Label { get; init; }

    /// <summary>The class returned to the client: the answering tier's top class.</summary>
    public int? AnsweredClass => Tier == "cloud" ? CloudClass : EdgeClass;
}

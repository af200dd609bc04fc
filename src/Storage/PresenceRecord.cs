namespace HybridInference.Storage;

/// <summary>One running process as it last announced itself.</summary>
public sealed record PresenceRecord(
    string Service,
    string Instance,
    string? Role,
    string? Site,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeen);

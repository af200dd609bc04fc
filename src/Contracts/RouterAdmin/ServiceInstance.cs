namespace HybridInference.Contracts.RouterAdmin;

/// <summary>One service instance that announced itself in the store within its time to live (<c>GET /admin/instances</c>).</summary>
public sealed record ServiceInstance(
    string Service,
    string Instance,
    string? Role,
    string? Site,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeen);

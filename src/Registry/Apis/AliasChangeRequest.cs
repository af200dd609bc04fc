namespace HybridInference.Registry.Apis;

/// <summary>
/// Body of <c>PUT /api/models/{name}/aliases/{alias}</c>. <see cref="ExpectedVersion"/> makes the move
/// conditional on where the alias points now (optimistic concurrency); omitted, the current target is used.
/// </summary>
public sealed record AliasChangeRequest(int Version, string? Reason, string? Actor, int? ExpectedVersion);

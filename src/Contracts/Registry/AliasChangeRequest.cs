namespace HybridInference.Contracts.Registry;

/// <summary>
/// Body of <c>PUT /api/models/{name}/aliases/{alias}</c>. <see cref="ExpectedVersion"/> makes the move
/// conditional on where the alias points now (optimistic concurrency); omitted, the current target is used.
/// <see cref="Actor"/>, when given, wins over the <c>X-Actor</c> header.
/// </summary>
public sealed record AliasChangeRequest(int Version, string? Reason, string? Actor, int? ExpectedVersion);

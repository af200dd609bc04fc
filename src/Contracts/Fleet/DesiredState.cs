namespace HybridInference.Contracts.Fleet;

/// <summary>
/// What a device should run: one model version (resolved from a version or an alias when it was set, so
/// a later alias move does not silently redeploy) and the routing rules, as data. <see cref="Target"/> says
/// where it came from: <c>null</c> for the device itself, <c>group:{name}</c>, <c>site:{name}</c>, or
/// <c>devices</c> for a list set in one call (a rollout's step).
/// </summary>
public sealed record DesiredState(
    long Generation,
    ModelRef Model,
    long SizeBytes,
    string? RequestedAlias,
    IReadOnlyList<RuleDefinition> Rules,
    DateTimeOffset SetAt,
    string SetBy,
    string? Reason,
    string? Target = null);

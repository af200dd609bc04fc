namespace HybridInference.Contracts.Registry;

/// <summary>
/// The aliases the platform itself moves: <see cref="Champion"/> is the version in service, <see cref="Challenger"/>
/// the candidate a rollout compares with it. Users may add others; these two are the ones code relies on.
/// </summary>
public static class ModelAliases
{
    /// <summary>The version in service.</summary>
    public const string Champion = "champion";

    /// <summary>The candidate a pipeline registered and a rollout tries against the champion.</summary>
    public const string Challenger = "challenger";

    /// <summary>Both, champion first.</summary>
    public static IReadOnlyList<string> All { get; } = [Champion, Challenger];
}

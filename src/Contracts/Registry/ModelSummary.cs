namespace HybridInference.Contracts.Registry;

/// <summary>A model with its versions and aliases, as <c>GET /api/models/{name}</c> returns it.</summary>
public sealed record ModelSummary(string Name, int? LatestVersion, IReadOnlyDictionary<string, int> Aliases, IReadOnlyList<ModelVersion> Versions);

namespace HybridInference.Contracts.RouterAdmin;

/// <summary>
/// A model's cloud split (<c>/admin/routing/models/{model}/cloud-weights</c>): the cloud model its calls go to and the
/// weight per version, by version number as a string; null weights: unversioned calls (the cloud server's default).
/// </summary>
public sealed record CloudWeightsView(string Model, string CloudModel, IReadOnlyDictionary<string, double>? Weights);

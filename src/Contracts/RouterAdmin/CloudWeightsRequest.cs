namespace HybridInference.Contracts.RouterAdmin;

/// <summary>The body of <c>PUT /admin/routing/models/{model}/cloud-weights</c>: weight per cloud model version.</summary>
/// <param name="Weights">Version number (as a JSON property name) to a weight in [0,100], e.g. <c>{"1": 95, "2": 5}</c>.</param>
public sealed record CloudWeightsRequest(Dictionary<string, double>? Weights);

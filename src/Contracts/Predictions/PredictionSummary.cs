namespace HybridInference.Contracts.Predictions;

/// <summary>
/// What the prediction log says about a time window (<c>GET /admin/predictions/summary</c>): traffic per tier,
/// escalations, accuracy, latency. The log computes it from its records (<c>PredictionSummary.Of</c> in PredictionLog).
/// </summary>
public sealed record PredictionSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int Requests,
    IReadOnlyDictionary<string, int> PerTier,
    IReadOnlyDictionary<string, int> EscalationReasons,
    double EscalationRate,
    int Labelled,
    double? Accuracy,
    IReadOnlyDictionary<string, double?> AccuracyPerTier,
    IReadOnlyDictionary<string, LatencySummary> LatencyPerTier);

namespace HybridInference.Contracts.Rollouts;

/// <summary>The metrics an analysis can judge, and the unit of each one's threshold.</summary>
public static class MetricNames
{
    /// <summary>Top-1 accuracy on labelled requests; threshold: largest drop, in percentage points.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Share of requests escalated for low confidence; threshold: largest rise, in points.</summary>
    public const string EscalationRate = "escalation_rate";

    /// <summary>Mean top-class probability; threshold: largest drop, in points (0.05 = 5 points).</summary>
    public const string MeanConfidence = "mean_confidence";

    /// <summary>95th percentile inference latency; threshold: largest ratio canary / control (1.5 = 50 % slower).</summary>
    public const string LatencyP95 = "latency_p95";

    /// <summary>Share of requests the tier failed to answer; threshold: largest rise, in points.</summary>
    public const string ErrorRate = "error_rate";

    public static IReadOnlyList<string> All { get; } = [Accuracy, EscalationRate, MeanConfidence, LatencyP95, ErrorRate];
}

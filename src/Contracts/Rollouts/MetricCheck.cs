namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// One check of canary against control. <see cref="Threshold"/> is the largest tolerated degradation, in
/// the metric's own unit (see <see cref="MetricNames"/>).
/// </summary>
public sealed record MetricCheck(string Name, double? Threshold)
{
    public static IReadOnlyList<MetricCheck> Defaults { get; } =
    [
        new(MetricNames.Accuracy, 2.0),
        new(MetricNames.EscalationRate, 5.0),
        new(MetricNames.MeanConfidence, 5.0),
        new(MetricNames.LatencyP95, 1.5),
        new(MetricNames.ErrorRate, 1.0),
    ];
}

namespace HybridInference.Contracts.Rollouts;

/// <summary>One analysis of canary against control over a window: each metric and the overall verdict.</summary>
public sealed record AnalysisResult(
    DateTimeOffset At,
    DateTimeOffset WindowStart,
    int Step,
    int Weight,
    Verdict Verdict,
    IReadOnlyList<MetricResult> Metrics);

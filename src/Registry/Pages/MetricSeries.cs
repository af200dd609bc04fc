using HybridInference.Contracts.Rollouts;

namespace HybridInference.Registry.Pages;

/// <summary>One analysis's values of one metric: canary, control, and the worst canary value the threshold tolerates.</summary>
internal sealed record MetricPoint(DateTimeOffset At, double? Canary, double? Control, double? Tolerated, Verdict Verdict, string Reason);

/// <summary>
/// A metric over a rollout's analyses, one point per analysis, in the unit the analyser reports
/// (<see cref="MetricResult.CanaryValue"/>): percent for rates and accuracy, a probability for mean
/// confidence, milliseconds for latency.
/// </summary>
internal sealed record MetricSeries(string Name, double Threshold, IReadOnlyList<MetricPoint> Points)
{
    /// <summary>One series per metric of the spec, in the spec's order.</summary>
    public static IReadOnlyList<MetricSeries> From(Rollout rollout) =>
        rollout.Spec.Metrics.Select(check =>
        {
            var points = rollout.Analyses
                .Select(a => (a.At, Result: a.Metrics.FirstOrDefault(m => m.Name == check.Name)))
                .Where(p => p.Result is not null)
                .Select(p => new MetricPoint(
                    p.At,
                    Finite(p.Result!.CanaryValue),
                    Finite(p.Result.ControlValue),
                    Finite(p.Result.ControlValue) is { } control ? Tolerated(check.Name, control, p.Result.Threshold) : null,
                    p.Result.Verdict,
                    p.Result.Reason))
                .ToList();
            return new MetricSeries(check.Name, check.Threshold ?? 0, points);
        }).ToList();

    /// <summary>
    /// The canary value at the threshold, in the plotted unit. The analyser compares degradations: points for
    /// rates, points of probability x 100 for confidence, a ratio for latency (see <see cref="CanaryAnalyzer"/>).
    /// </summary>
    public static double Tolerated(string metric, double control, double threshold) => metric switch
    {
        MetricNames.Accuracy => control - threshold,
        MetricNames.MeanConfidence => control - (threshold / 100),
        MetricNames.LatencyP95 => control * threshold,
        _ => control + threshold,
    };

    public static string ToleranceText(string metric, double threshold) => metric switch
    {
        MetricNames.Accuracy => $"control − {Html.Number(threshold)} points",
        MetricNames.MeanConfidence => $"control − {Html.Number(threshold)} points ({Html.Number(threshold / 100)})",
        MetricNames.LatencyP95 => $"control × {Html.Number(threshold)}",
        _ => $"control + {Html.Number(threshold)} points",
    };

    public static string AxisLabel(string metric) => metric switch
    {
        MetricNames.Accuracy => "accuracy (%)",
        MetricNames.EscalationRate => "escalation rate (%)",
        MetricNames.ErrorRate => "error rate (%)",
        MetricNames.MeanConfidence => "mean confidence (probability)",
        MetricNames.LatencyP95 => "p95 latency (ms)",
        _ => metric,
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

using HybridInference.Contracts.Rollouts;

namespace HybridInference.Rollouts.Spec;

/// <summary>
/// Which models are cloud models and what a cloud rollout can judge. By the router's naming convention a
/// route <c>fashion</c> asks the cloud for <c>fashion-cloud</c>: a model named <c>*-cloud</c> is rolled out as
/// a share of its route's cloud calls, not on devices.
/// </summary>
public static class CloudModels
{
    public const string Suffix = "-cloud";

    public static bool IsCloud(string model) => model.EndsWith(Suffix, StringComparison.Ordinal) && model.Length > Suffix.Length;

    /// <summary>The route whose cloud calls ask <paramref name="model"/> by the convention (the router confirms it).</summary>
    public static string RouteOf(string model) => model[..^Suffix.Length];

    /// <summary>
    /// The checks a cloud canary is judged by when the spec names none: escalation is decided on the edge before
    /// a cloud version is picked, and a failed cloud call does not say which version it asked, so neither can be
    /// split between canary and control.
    /// </summary>
    public static IReadOnlyList<MetricCheck> DefaultMetrics { get; } =
    [
        new(MetricNames.Accuracy, 2.0),
        new(MetricNames.MeanConfidence, 5.0),
        new(MetricNames.LatencyP95, 1.5),
    ];

    /// <summary>The metrics that cannot be split by cloud version, with why.</summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MetricNames.EscalationRate] = "escalation is decided on the edge before a cloud version is picked, so it is the same for both",
        [MetricNames.ErrorRate] = "a cloud call that fails does not say which version it asked, so errors cannot be split by version",
    };
}

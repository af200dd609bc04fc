using System.Globalization;
using HybridInference.Contracts.Rollouts;
using HybridInference.Contracts.Statistics;
using HybridInference.Rollouts.Spec;

namespace HybridInference.Rollouts.Analysis;

/// <summary>
/// Judges a canary against its control, metric by metric. A metric fails only when its degradation is
/// beyond the threshold <em>and</em> a one-sided test says it is not chance (p &lt; alpha); beyond the
/// threshold without significance, or with fewer than <c>minSamples</c> in either group, it is
/// inconclusive. The analysis fails if any metric fails, and passes only if every metric passes.
/// </summary>
public static class CanaryAnalyzer
{
    public static AnalysisResult Analyse(RolloutSpec spec, GroupSamples canary, GroupSamples control, DateTimeOffset windowStart, DateTimeOffset at, int step, int weight)
    {
        var metrics = spec.Metrics.Select(check => Judge(check, spec, canary, control)).ToList();
        var verdict = metrics.Any(m => m.Verdict == Verdict.Failed) ? Verdict.Failed
            : metrics.All(m => m.Verdict == Verdict.Successful) ? Verdict.Successful
            : Verdict.Inconclusive;
        return new AnalysisResult(at, windowStart, step, weight, verdict, metrics);
    }

    private static MetricResult Judge(MetricCheck check, RolloutSpec spec, GroupSamples canary, GroupSamples control)
    {
        var threshold = check.Threshold ?? throw new ArgumentException($"metric {check.Name} has no threshold");
        return check.Name switch
        {
            MetricNames.Accuracy => Rate(check.Name, threshold, spec, canary.Labelled - canary.Correct, canary.Labelled, control.Labelled - control.Correct, control.Labelled, lowerIsWorse: true),
            MetricNames.EscalationRate => Rate(check.Name, threshold, spec, canary.Escalated, canary.Answered, control.Escalated, control.Answered, lowerIsWorse: false),
            MetricNames.ErrorRate => Rate(check.Name, threshold, spec, canary.Errors, canary.Requests, control.Errors, control.Requests, lowerIsWorse: false),
            MetricNames.MeanConfidence => Confidence(threshold, spec, canary, control),
            MetricNames.LatencyP95 => Latency(threshold, spec, canary, control),
            _ => throw new ArgumentException($"unknown metric {check.Name}"),
        };
    }

    /// <summary>A rate in percent; the test counts "bad" events (wrong answers, escalations, errors).</summary>
    private static MetricResult Rate(string name, double threshold, RolloutSpec spec, long canaryBad, long canaryTotal, long controlBad, long controlTotal, bool lowerIsWorse)
    {
        if (TooFew(name, threshold, spec, canaryTotal, controlTotal) is { } tooFew)
        {
            return tooFew;
        }

        var canaryBadRate = 100.0 * canaryBad / canaryTotal;
        var controlBadRate = 100.0 * controlBad / controlTotal;
        var degradation = canaryBadRate - controlBadRate;
        double canaryValue = lowerIsWorse ? 100 - canaryBadRate : canaryBadRate;
        double controlValue = lowerIsWorse ? 100 - controlBadRate : controlBadRate;
        var p = Statistics.TwoProportionGreater(canaryBad, canaryTotal, controlBad, controlTotal);
        return Decide(name, threshold, spec, canaryValue, controlValue, degradation, canaryTotal, controlTotal, p, "points");
    }

    private static MetricResult Confidence(double threshold, RolloutSpec spec, GroupSamples canary, GroupSamples control)
    {
        const string name = MetricNames.MeanConfidence;
        if (TooFew(name, threshold, spec, canary.Answered, control.Answered) is { } tooFew)
        {
            return tooFew;
        }

        var canaryMean = canary.Confidences.Average();
        var controlMean = control.Confidences.Average();
        // H1 "the canary is less confident" is H1 "minus its confidence is larger".
        var p = Statistics.MannWhitneyGreater(canary.Confidences.Select(c => -c).ToList(), control.Confidences.Select(c => -c).ToList());
        return Decide(name, threshold, spec, canaryMean, controlMean, 100 * (controlMean - canaryMean), canary.Answered, control.Answered, p, "points");
    }

    private static MetricResult Latency(double threshold, RolloutSpec spec, GroupSamples canary, GroupSamples control)
    {
        const string name = MetricNames.LatencyP95;
        if (TooFew(name, threshold, spec, canary.LatenciesMs.Count, control.LatenciesMs.Count) is { } tooFew)
        {
            return tooFew;
        }

        // The p95 every other part of the product reports (nearest rank), so the gate judges the figure operators see.
        var canaryP95 = Percentile.Of(canary.LatenciesMs, 0.95);
        var controlP95 = Percentile.Of(control.LatenciesMs, 0.95);
        var ratio = controlP95 > 0 ? canaryP95 / controlP95 : canaryP95 > 0 ? double.PositiveInfinity : 1;
        var p = Statistics.MannWhitneyGreater(canary.LatenciesMs, control.LatenciesMs);
        return Decide(name, threshold, spec, canaryP95, controlP95, ratio, canary.LatenciesMs.Count, control.LatenciesMs.Count, p, "x");
    }

    private static MetricResult Decide(string name, double threshold, RolloutSpec spec, double canary, double control, double degradation, long canaryN, long controlN, double p, string unit)
    {
        var shown = $"canary {Format(canary)} vs control {Format(control)} (n = {canaryN} / {controlN}), degradation {Format(degradation)} {unit} against a threshold of {Format(threshold)}";
        if (degradation <= threshold)
        {
            return new(name, threshold, canary, control, degradation, canaryN, controlN, p, Verdict.Successful, shown);
        }

        return p < spec.Alpha
            ? new(name, threshold, canary, control, degradation, canaryN, controlN, p, Verdict.Failed, $"{shown}; significant (p {FormatP(p)} < {Format(spec.Alpha)})")
            : new(name, threshold, canary, control, degradation, canaryN, controlN, p, Verdict.Inconclusive, $"{shown}; not significant yet (p {FormatP(p)} >= {Format(spec.Alpha)})");
    }

    private static MetricResult? TooFew(string name, double threshold, RolloutSpec spec, long canaryN, long controlN) =>
        canaryN < spec.MinSamples || controlN < spec.MinSamples
            ? new(name, threshold, null, null, null, canaryN, controlN, null, Verdict.Inconclusive,
                $"too few samples: canary {canaryN}, control {controlN}, each needs {spec.MinSamples}")
            : null;

    private static string FormatP(double p) => p < 0.0001 ? "< 0.0001" : "= " + Format(p);

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>Judges the hypothesis on measured values: one <see cref="CheckResult"/> per check the experiment declares.</summary>
public static class SteadyStateChecks
{
    public static IReadOnlyList<CheckResult> Evaluate(Experiment.SteadyState checks, Measurements measured)
    {
        var results = new List<CheckResult>();
        if (checks.MaxUnanswered is { } maxUnanswered)
        {
            results.Add(new CheckResult(
                "unanswered", $"<= {maxUnanswered} requests without an answer",
                $"{measured.Unanswered} of {measured.Sent}", measured.Unanswered <= maxUnanswered));
        }

        if (checks.P99Ms is { } p99)
        {
            // No answer at all has no latency to judge: the check cannot pass on nothing.
            results.Add(new CheckResult(
                "p99", $"p99 < {Ms(p99)}",
                measured.P99Ms is { } m ? Ms(m) : "no answers", measured.P99Ms is { } value && value < p99));
        }

        if (checks.AllRecorded)
        {
            var passed = measured.RecordsChecked is > 0 && measured.RecordsMissing == 0;
            results.Add(new CheckResult(
                "records", "every answered request in the router's prediction log",
                measured.RecordsChecked is { } n ? $"{n - (measured.RecordsMissing ?? 0)} of {n} present" : "not checked", passed));
        }

        if (checks.Accuracy is { } accuracy)
        {
            // One-sided: an experiment fails on answers worse than the baseline, not better ones.
            var floor = accuracy.Baseline - accuracy.MaxDropPoints / 100;
            results.Add(new CheckResult(
                "accuracy", $">= {Pct(floor)} (baseline {Pct(accuracy.Baseline)} - {accuracy.MaxDropPoints.ToString("0.##", CultureInfo.InvariantCulture)} points)",
                measured.Accuracy is { } a ? Pct(a) : "no answers", measured.Accuracy is { } value && value >= floor - 1e-12));
        }

        return results;
    }

    private static string Ms(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    private static string Pct(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}

using System.Globalization;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Judges an experiment's <c>expect</c> entries and its harness actions on what was measured: the router's
/// events (<see cref="RouterWatch"/>), the registry's rollouts (<see cref="RolloutWatch"/>), the samples, and when
/// each step took effect. Nothing seen is a failure,
/// never a pass: a step that did not happen, or a router that never answered, fails the expectation.
/// </summary>
public static class ExpectationChecks
{
    public static IReadOnlyList<CheckResult> Evaluate(
        Experiment experiment, IReadOnlyDictionary<string, StepWindow> steps, IReadOnlyList<RouterEvent> events, bool routerSeen, IReadOnlyCollection<RequestSample> samples,
        IReadOnlyDictionary<string, RolloutTrace>? rollouts = null)
    {
        var results = new List<CheckResult>();
        foreach (var action in experiment.Actions)
        {
            results.Add(new CheckResult(
                "action:" + action.Id, $"{action.Describe()} performed by the harness",
                steps.TryGetValue(action.Id, out var step) ? $"performed at {S(step.StartMs)}" : "not confirmed",
                step is not null));
        }

        foreach (var expectation in experiment.Expectations)
        {
            results.Add(expectation.Kind == ExpectationKinds.RolloutRollsBack
                ? RollsBack(expectation, steps.GetValueOrDefault(expectation.After), rollouts?.GetValueOrDefault(expectation.After), samples)
                : Judge(expectation, steps.GetValueOrDefault(expectation.After), events, routerSeen, samples));
        }

        return results;
    }

    private static CheckResult Judge(Experiment.Expectation e, StepWindow? step, IReadOnlyList<RouterEvent> events, bool routerSeen, IReadOnlyCollection<RequestSample> samples)
    {
        var name = e.Kind + ":" + (e.Node ?? e.Rule);
        var expected = e.Describe();
        var within = e.Within.TotalMilliseconds;
        if (step is null)
        {
            return new CheckResult(name, expected, $"{e.After} never took effect", false);
        }

        if (e.Kind == ExpectationKinds.RuleFires)
        {
            var label = "rule:" + e.Rule;
            var fired = samples.Where(s => s.Reason == label && s.AtMs >= step.StartMs).Select(s => s.AtMs).Order().ToList();
            if (fired.Count == 0)
            {
                return new CheckResult(name, expected, $"no request was routed by {label} after {e.After}", false);
            }

            var delay = fired[0] - step.StartMs;
            var measured = $"first routed by it {S(delay)} after {e.After}, {fired.Count} request(s) in all";
            var passed = delay <= within;
            if (step.EndMs is { } end)
            {
                // After the fault ends the rule must let go too: the node's traffic comes back.
                expected += $"; stops within {e.Within.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s of its end";
                var late = fired.Where(at => at > end + within).ToList();
                var last = fired[^1] - end;
                measured += last > 0 ? $"; last {S(last)} after its end" : "; none after its end";
                passed &= late.Count == 0 && samples.Any(s => s.AtMs > end + within);
            }

            return new CheckResult(name, expected, measured, passed);
        }

        if (!routerSeen)
        {
            return new CheckResult(name, expected, "the router's /admin/edges never answered", false);
        }

        var kind = e.Kind == ExpectationKinds.BreakerOpens ? "breaker-open" : "out-of-rotation";
        var seen = events.FirstOrDefault(ev => ev.Node == e.Node && ev.Event == kind && ev.AtMs >= step.StartMs);
        return seen is null
            ? new CheckResult(name, expected, $"not seen after {e.After}", false)
            : new CheckResult(name, expected, $"{S(seen.AtMs - step.StartMs)} after {e.After}", seen.AtMs - step.StartMs <= within);
    }

    /// <summary>
    /// Rolled back within the time, measured from the harness's start of the rollout to the registry's own finish
    /// time; and from the run's samples, the candidate answered (it really was bad on live traffic) and only from
    /// devices the rollout ever made canaries: the control group never saw it.
    /// </summary>
    private static CheckResult RollsBack(Experiment.Expectation e, StepWindow? step, RolloutTrace? trace, IReadOnlyCollection<RequestSample> samples)
    {
        var name = e.Kind + ":" + e.After;
        var expected = e.Describe();
        if (step is null)
        {
            return new CheckResult(name, expected, $"{e.After} never took effect", false);
        }

        if (trace is null || !trace.Seen || trace.CandidateVersion is not { } candidate)
        {
            return new CheckResult(name, expected, $"the registry never answered for rollout '{trace?.RolloutId ?? step.Detail}'", false);
        }

        var rolledBack = trace.Changes.FirstOrDefault(c => c.Phase == "rolled-back");
        var served = samples.Where(s => s.EdgeModelVersion == candidate).ToList();
        var leaked = served.Where(s => s.EdgeNode is null || !trace.CanaryDevices.Contains(s.EdgeNode)).ToList();
        var canary = string.Join(", ", trace.CanaryDevices.Order(StringComparer.Ordinal));
        var answers = leaked.Count > 0
            ? $"{leaked.Count} of {served.Count} answer(s) of {candidate} from the control group ({string.Join(", ", leaked.Select(s => s.EdgeNode ?? "no node").Distinct().Order(StringComparer.Ordinal))}; canary {canary})"
            : served.Count == 0
                ? $"no answer of {candidate}: the candidate never served the run's traffic"
                : $"{served.Count} answer(s) of {candidate}, all from the canary ({canary})";
        if (rolledBack is null)
        {
            return new CheckResult(name, expected, $"rollout {trace.RolloutId} {trace.Changes.LastOrDefault()?.Phase ?? "unseen"} at the run's end, not rolled back; {answers}", false);
        }

        var delay = rolledBack.AtMs - step.StartMs;
        return new CheckResult(name, expected, $"rolled back {S(delay)} after {e.After}; {answers}", delay <= e.Within.TotalMilliseconds && served.Count > 0 && leaked.Count == 0);
    }

    private static string S(double ms) => (ms / 1000).ToString("0.0#", CultureInfo.InvariantCulture) + " s";
}

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// A run's verdict: the steady-state checks on its measurements and the expectations on its timeline, router events,
/// samples and rollouts; aborted when the safety limit stopped it, else passed only when every check holds.
/// </summary>
internal static class RunVerdict
{
    /// <param name="routerSeen">whether any read of the router's <c>/admin/edges</c> succeeded</param>
    public static (IReadOnlyList<CheckResult> Checks, RunStatus Status) Judge(
        ExperimentRun run, Measurements measured, bool routerSeen, IReadOnlyDictionary<string, RolloutTrace> rollouts)
    {
        var experiment = run.Experiment;
        var checks = SteadyStateChecks.Evaluate(experiment.Checks, measured)
            .Concat(ExpectationChecks.Evaluate(experiment, run.Steps, [.. run.RouterEvents], routerSeen, run.Samples, rollouts)).ToList();
        var status = run.StopReason is not null ? RunStatus.Aborted : checks.All(c => c.Passed) ? RunStatus.Passed : RunStatus.Failed;
        return (checks, status);
    }
}

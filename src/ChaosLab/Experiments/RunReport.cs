namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Builds a run's <see cref="ExperimentReport"/>: while it goes, its timeline and the actions waiting for the harness;
/// at its end, the verdict, the measurements with the router's and the registry's events, the checks and every sample.
/// </summary>
internal static class RunReport
{
    /// <summary>The report so far: no measurements and no samples until the run ends.</summary>
    public static ExperimentReport Running(ExperimentRun run) => Build(run, RunStatus.Running, null, null, []);

    /// <summary>The report of a run that ended with <paramref name="status"/> (its end time is the caller's to add).</summary>
    public static ExperimentReport Final(ExperimentRun run, RunStatus status, string? reason, Measurements? measured, IReadOnlyList<CheckResult> checks) =>
        Build(run, status, reason, measured, checks);

    /// <summary>Adds what the run saw of the router (each node's changes) and of the rollouts it began to the traffic's measurements.</summary>
    public static Measurements WithEvents(Measurements measured, ExperimentRun run, IReadOnlyDictionary<string, RolloutTrace> rollouts) =>
        measured with { RouterEvents = [.. run.RouterEvents], RolloutEvents = [.. rollouts.Values.SelectMany(r => r.Changes).OrderBy(c => c.AtMs)] };

    private static ExperimentReport Build(ExperimentRun run, RunStatus status, string? reason, Measurements? measured, IReadOnlyList<CheckResult> checks) => new()
    {
        Id = run.Id,
        Experiment = run.Experiment.Name,
        Description = run.Experiment.Description,
        Status = status,
        StartedAt = run.StartedAt,
        StopReason = reason,
        Measured = measured,
        Checks = checks,
        Timeline = run.Timeline,
        PendingActions = status == RunStatus.Running ? run.PendingActions() : [],
        Samples = status == RunStatus.Running ? [] : [.. run.Samples.OrderBy(s => s.AtMs)],
    };
}

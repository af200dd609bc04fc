using System.Collections.Concurrent;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The state of one run while it goes, shared by its parts: the run's clock, the samples the traffic records, the
/// faults the schedule injected and when each step took effect, the router's and registry's events, and the timeline.
/// Every line logged publishes the report so far (<see cref="RunReport"/>), so a run can be watched.
/// </summary>
internal sealed class ExperimentRun(
    string id, Experiment experiment, TimeProvider time, Action<ExperimentReport> publish, Func<IReadOnlyList<Experiment.ScheduledAction>> pending)
{
    private readonly long _start = time.GetTimestamp();
    private readonly ConcurrentQueue<TimelineEvent> _timeline = new();

    public string Id => id;

    public Experiment Experiment => experiment;

    /// <summary>When the run started, by the wall clock.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public ConcurrentQueue<RequestSample> Samples { get; } = new();

    public ConcurrentDictionary<string, Fault> Injected { get; } = new();

    /// <summary>When each fault and action took effect, by id, for the expectations.</summary>
    public ConcurrentDictionary<string, StepWindow> Steps { get; } = new();

    public ConcurrentQueue<RouterEvent> RouterEvents { get; } = new();

    /// <summary>The rollouts begun by <c>rollout-start</c> actions, by action id.</summary>
    public ConcurrentDictionary<string, RolloutWatch> Rollouts { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the safety limit stopped the run; null while it has not.</summary>
    public string? StopReason { get; set; }

    /// <summary>The timeline so far, in time order.</summary>
    public IReadOnlyList<TimelineEvent> Timeline => [.. _timeline.OrderBy(e => e.AtMs)];

    /// <summary>The actions due and waiting for the harness.</summary>
    public IReadOnlyList<Experiment.ScheduledAction> PendingActions() => pending();

    /// <summary>A wall-clock time (the harness's) as ms since the run's start.</summary>
    public double MsAt(DateTimeOffset at) => Math.Round((at - StartedAt).TotalMilliseconds, 1);

    public double NowMs() => time.GetElapsedTime(_start).TotalMilliseconds;

    public void Log(string kind, string detail)
    {
        _timeline.Enqueue(new TimelineEvent(Math.Round(NowMs(), 1), kind, detail));
        publish(RunReport.Running(this));
    }

    /// <summary>Ends the run's timeline and publishes its final report.</summary>
    public ExperimentReport Finish(RunStatus status, string? reason, Measurements? measured, IReadOnlyList<CheckResult> checks)
    {
        _timeline.Enqueue(new TimelineEvent(Math.Round(NowMs(), 1), "finished", status.ToString().ToLowerInvariant()));
        var report = RunReport.Final(this, status, reason, measured, checks) with { EndedAt = time.GetUtcNow() };
        publish(report);
        return report;
    }
}

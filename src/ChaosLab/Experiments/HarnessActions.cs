using System.Collections.Concurrent;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The actions of running experiments that wait for the harness. ChaosLab is not the orchestrator: it cannot kill
/// or start another resource's process, and a model update is the registry's business, so the runner announces
/// each such step when it is due (in the report's <c>pendingActions</c> and timeline) and the harness that started
/// the run (the whole-app tests, an operator with <c>hi chaos confirm</c>) takes it and confirms it here.
/// </summary>
public sealed class HarnessActions(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Run, string Action), Pending> _pending = new();

    /// <summary>What a confirmation came to.</summary>
    public enum Outcome
    {
        Confirmed,
        NotPending,
        PerformedOutsideWindow,

        /// <summary>A <c>rollout-start</c> confirmed without the rollout's id as its detail: the runner could not follow it.</summary>
        RolloutIdRequired,
    }

    /// <summary>Announces an action; the task ends with the time (UTC) the harness performed it and its detail.</summary>
    public Task<(DateTimeOffset PerformedAt, string Detail)> Announce(string runId, Experiment.ScheduledAction action)
    {
        var pending = new Pending(action, time.GetUtcNow());
        _pending[(runId, action.Id)] = pending;
        return pending.Done.Task;
    }

    /// <summary>Stops waiting (the run gave up on it or ended).</summary>
    public void Withdraw(string runId, string actionId) => _pending.TryRemove((runId, actionId), out _);

    /// <summary>The actions of <paramref name="runId"/> waiting for the harness.</summary>
    public IReadOnlyList<Experiment.ScheduledAction> PendingFor(string runId) =>
        [.. _pending.Where(p => p.Key.Run == runId).Select(p => p.Value.Action).OrderBy(a => a.Offset)];

    /// <summary>
    /// The harness took the action at <paramref name="performedAt"/> (default now), which must lie between its
    /// announcement (less a second of clock skew) and now: the runner measures the system's answer from it.
    /// </summary>
    public Outcome Confirm(string runId, string actionId, DateTimeOffset? performedAt, string? detail)
    {
        if (!_pending.TryGetValue((runId, actionId), out var pending))
        {
            return Outcome.NotPending;
        }

        var now = time.GetUtcNow();
        var at = performedAt ?? now;
        if (at < pending.AnnouncedAt.AddSeconds(-1) || at > now.AddSeconds(1))
        {
            return Outcome.PerformedOutsideWindow;
        }

        if (pending.Action.Kind == ActionKinds.RolloutStart && !RolloutWatch.IsRolloutId(detail))
        {
            return Outcome.RolloutIdRequired;
        }

        if (!_pending.TryRemove((runId, actionId), out _))
        {
            return Outcome.NotPending;
        }

        pending.Done.TrySetResult((at, string.IsNullOrWhiteSpace(detail) ? "done" : detail));
        return Outcome.Confirmed;
    }

    private sealed record Pending(Experiment.ScheduledAction Action, DateTimeOffset AnnouncedAt)
    {
        public TaskCompletionSource<(DateTimeOffset, string)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

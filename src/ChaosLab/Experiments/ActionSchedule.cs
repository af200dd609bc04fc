using System.Globalization;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The harness actions of a run's timeline: each announced at its offset (kill, start, model update, rollout start) and
/// timed by the harness's confirmation; a started rollout is then followed on the registry while the traffic runs.
/// </summary>
internal sealed class ActionSchedule(HarnessActions actions, TimeProvider time)
{
    /// <summary>How long an announced action waits for the harness; a kill is quick, a model update's request too.</summary>
    public static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(15);

    /// <summary>Starts every action of the run's experiment.</summary>
    /// <param name="registry">the registry's client, for a <c>rollout-start</c>'s rollout; null when the experiment starts none</param>
    /// <param name="following">ends the following of a started rollout: the traffic's end or a safety stop</param>
    public IEnumerable<Task> Start(ExperimentRun run, HttpClient? registry, CancellationToken abort, CancellationToken following) =>
        run.Experiment.Actions.Select(action => AnnounceAsync(run, action, registry, abort, following));

    /// <summary>At its offset, announces a harness action and waits for its confirmation; its time is when the harness says it acted.</summary>
    private async Task AnnounceAsync(ExperimentRun run, Experiment.ScheduledAction action, HttpClient? registry, CancellationToken abort, CancellationToken following)
    {
        try
        {
            await Task.Delay(action.Offset, time, abort);
            var done = actions.Announce(run.Id, action);
            run.Log("action due", $"{action.Id}: {action.Describe()}; the harness takes it and confirms with POST /api/experiments/runs/{run.Id}/actions/{action.Id}");
            var (performedAt, detail) = await done.WaitAsync(ActionWait, time, abort);
            var at = run.MsAt(performedAt);
            run.Steps[action.Id] = new StepWindow(action.Id, at, null, detail);
            run.Log("action done", string.Create(CultureInfo.InvariantCulture, $"{action.Id}: {detail} (performed at {at / 1000:0.0} s)"));
            if (action.Kind == ActionKinds.RolloutStart && registry is not null)
            {
                // The confirmation carries the rollout's id (HarnessActions refuses any other detail for this kind).
                var rollout = new RolloutWatch(registry, detail, run.NowMs, run.MsAt, change => run.Log("rollout: " + change.Phase, $"{change.Rollout}: {change.Detail}"));
                run.Rollouts[action.Id] = rollout;
                await rollout.RunAsync(time, following);
            }
        }
        catch (TimeoutException)
        {
            run.Log("action not confirmed", $"{action.Id}: no confirmation within {ActionWait.TotalSeconds} s; its expectations fail");
        }
        catch (OperationCanceledException)
        {
            // Aborted: nothing to undo, the harness acts on its own resources.
        }
        finally
        {
            actions.Withdraw(run.Id, action.Id);
        }
    }
}

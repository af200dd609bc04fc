using HybridInference.Contracts.Registry;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// The rollout state machine's moves, the same for every canary target: analyse a due interval and act on its
/// verdict, step up, promote, roll back. What each move changes in the world is the rollout's
/// <see cref="ICanaryTarget"/>'s. Every move saves what it changed; the caller holds the engine's lock and lease,
/// and sends the webhook notices collected here after releasing it.
/// </summary>
public sealed class RolloutSteps(
    RolloutStore store,
    IRolloutActuator actuator,
    IPredictionWindow window,
    CanaryTargets targets,
    RolloutMetrics metrics,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    /// <summary>Has the rollout's target bring the world in line with the step, saving the rollout when that changed it.</summary>
    public async Task<Rollout> SyncAsync(Rollout rollout)
    {
        var sync = await targets.Of(rollout).SyncAsync(rollout, CancellationToken.None);
        if (sync.Changed)
        {
            await store.SaveAsync(sync.Rollout);
        }

        return sync.Rollout;
    }

    /// <summary>
    /// Runs the analysis when one is due and acts on its verdict. A passed step whose gates must be asked first is
    /// saved and handed back with the weight the gates are asked about; otherwise <c>GateWeight</c> is null.
    /// </summary>
    public async Task<(Rollout Rollout, int? GateWeight)> AnalyseAsync(Rollout rollout, List<RolloutNotice> notices)
    {
        var now = time.GetUtcNow();
        var interval = TimeSpan.FromSeconds(rollout.Spec.IntervalSeconds);
        if (now < (rollout.LastAnalysisAt ?? rollout.StepStartedAt) + interval)
        {
            return (rollout, null);
        }

        var (canary, control) = targets.Of(rollout).Split(await window.ReadAsync(rollout.StepStartedAt, now), rollout);
        var analysis = CanaryAnalyzer.Analyse(rollout.Spec, canary, control, rollout.StepStartedAt, now, rollout.Step, rollout.Weight);
        var kept = rollout.Analyses.Count >= options.Value.MaxAnalysesKept ? rollout.Analyses.Skip(1) : rollout.Analyses;
        rollout = rollout with { LastAnalysisAt = now, Analyses = [.. kept, analysis] };
        metrics.Analysed(rollout, analysis.Verdict);
        logger.Analysed(rollout.Id, rollout.Weight, analysis.Verdict);
        switch (analysis.Verdict)
        {
            case Verdict.Failed:
                return (await OnFailedAsync(rollout with { InconclusiveInARow = 0 }, analysis, notices), null);
            case Verdict.Inconclusive:
                return (await OnInconclusiveAsync(rollout, analysis, notices), null);
        }

        rollout = rollout with { InconclusiveInARow = 0, SuccessesAtStep = rollout.SuccessesAtStep + 1 };
        if (rollout.SuccessesAtStep < rollout.Spec.SuccessesPerStep)
        {
            return (await SaveAsync(rollout), null);
        }

        if (!rollout.Spec.Webhooks.Any(h => h.Type == WebhookTypes.Gate))
        {
            return (await AdvanceAsync(rollout, GateDecision.Proceed, notices), null);
        }

        return (await SaveAsync(rollout), rollout.Spec.Steps[rollout.Step + 1]);
    }

    /// <summary>The step after a passed analysis, as the gates decided.</summary>
    public async Task<Rollout> AdvanceAsync(Rollout rollout, GateDecision gate, List<RolloutNotice> notices)
    {
        var next = rollout.Step + 1;
        var weight = rollout.Spec.Steps[next];
        switch (gate.Action)
        {
            case GateAction.Abort:
                return await RollBackAsync(rollout, $"a gate webhook aborted the rollout: {gate.Reason}", "controller", notices);
            case GateAction.Hold:
                if (rollout.HeldBy != gate.Reason)
                {
                    rollout = rollout.With(new(time.GetUtcNow(), "held", $"a gate webhook holds the step to {weight} %: {gate.Reason}", "controller", rollout.Weight));
                }

                return await SaveAsync(rollout with { HeldBy = gate.Reason });
        }

        if (weight >= 100)
        {
            return await PromoteAsync(rollout with { HeldBy = null }, "every step passed its analysis", "controller", notices);
        }

        var now = time.GetUtcNow();
        var target = targets.Of(rollout);
        var step = await target.StepAsync(rollout, weight);
        rollout = rollout.With(new(now, "step", $"step {next + 1} of {rollout.Spec.Steps.Count}: {weight} % ({step.Where})", "controller", weight)) with
        {
            Step = next,
            Weight = weight,
            CanaryDevices = step.Devices,
            StepStartedAt = now,
            LastAnalysisAt = null,
            SuccessesAtStep = 0,
            HeldBy = null,
        };
        rollout = (await target.SyncAsync(rollout, CancellationToken.None)).Rollout;
        await SaveAsync(rollout);
        notices.Add(new(rollout, WebhookTypes.Step, $"step to {weight} %"));
        return rollout;
    }

    public async Task<Rollout> PromoteAsync(Rollout rollout, string why, string actor, List<RolloutNotice> notices)
    {
        var now = time.GetUtcNow();
        var promoted = await targets.Of(rollout).PromoteAsync(rollout, actor);
        await actuator.SetAliasAsync(rollout.Model, ModelAliases.Champion, rollout.Candidate, actor, $"rollout {rollout.Id} promoted: {why}");
        await actuator.SetAliasAsync(rollout.Model, ModelAliases.Challenger, null, actor, $"rollout {rollout.Id} promoted");
        rollout = rollout.With(new(now, "promoted", $"v{rollout.Candidate} is the champion {promoted.Where}: {why}", actor, 100)) with
        {
            Phase = RolloutPhase.Promoted,
            Weight = 100,
            CanaryDevices = promoted.Devices,
            FinishedAt = now,
        };
        return await FinishAsync(rollout, "promoted", WebhookTypes.Promotion, why, notices);
    }

    public async Task<Rollout> RollBackAsync(Rollout rollout, string why, string actor, List<RolloutNotice> notices)
    {
        var now = time.GetUtcNow();
        var back = await targets.Of(rollout).RollBackAsync(rollout, actor);

        // The challenger alias leaves the failed version; the model's audit trail records why.
        await actuator.SetAliasAsync(rollout.Model, ModelAliases.Challenger, null, actor, $"rollout {rollout.Id} rolled back, v{rollout.Candidate} failed: {why}");
        rollout = rollout.With(new(now, "rolled-back", $"{back}: {why}", actor, 0)) with
        {
            Phase = RolloutPhase.RolledBack,
            Weight = 0,
            FinishedAt = now,
        };
        return await FinishAsync(rollout, "rolled back", WebhookTypes.Rollback, why, notices);
    }

    /// <summary>Saves a rollout that has just ended, counts and logs how, and queues the webhook that says so.</summary>
    private async Task<Rollout> FinishAsync(Rollout rollout, string outcome, string webhookType, string why, List<RolloutNotice> notices)
    {
        await store.SaveAsync(rollout);
        metrics.Finished(rollout);
        logger.Finished(rollout.Id, outcome, why);
        notices.Add(new(rollout, webhookType, why));
        return rollout;
    }

    private async Task<Rollout> OnFailedAsync(Rollout rollout, AnalysisResult analysis, List<RolloutNotice> notices)
    {
        var failed = rollout.FailedAnalyses + 1;
        var reasons = string.Join("; ", analysis.Metrics.Where(m => m.Verdict == Verdict.Failed).Select(m => $"{m.Name}: {m.Reason}"));
        rollout = rollout.With(new(analysis.At, "analysis-failed", $"failed analysis {failed} of {rollout.Spec.FailureLimit}: {reasons}", "controller", rollout.Weight))
            with { FailedAnalyses = failed, SuccessesAtStep = 0 };
        return failed >= rollout.Spec.FailureLimit
            ? await RollBackAsync(rollout, $"{failed} failed analyses (failure limit {rollout.Spec.FailureLimit}): {reasons}", "controller", notices)
            : await SaveAsync(rollout);
    }

    private async Task<Rollout> OnInconclusiveAsync(Rollout rollout, AnalysisResult analysis, List<RolloutNotice> notices)
    {
        rollout = rollout with { InconclusiveInARow = rollout.InconclusiveInARow + 1 };
        var limit = rollout.Spec.InconclusiveLimit;
        if (limit == 0 || rollout.InconclusiveInARow < limit)
        {
            return await SaveAsync(rollout);
        }

        var reasons = string.Join("; ", analysis.Metrics.Where(m => m.Verdict == Verdict.Inconclusive).Select(m => $"{m.Name}: {m.Reason}").Distinct());
        return await RollBackAsync(rollout, $"no verdict after {limit} inconclusive analyses in a row (inconclusive limit): {reasons}", "controller", notices);
    }

    private async Task<Rollout> SaveAsync(Rollout rollout)
    {
        await store.SaveAsync(rollout);
        return rollout;
    }
}

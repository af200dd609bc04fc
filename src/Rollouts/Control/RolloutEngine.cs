using HybridInference.Contracts.Registry;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// The rollout commands: start, tick (analyse when due and act on it), pause, resume, promote now, abort now.
/// Every change goes through one lock per process plus the store lease, so commands and the controller's ticks
/// never overwrite each other; the moves themselves are <see cref="RolloutSteps"/>', and what they change in the
/// world is the rollout's <see cref="ICanaryTarget"/>'s (devices or a share of cloud traffic).
/// </summary>
public sealed class RolloutEngine(
    RolloutStore store,
    IRolloutActuator actuator,
    CanaryTargets targets,
    RolloutSteps steps,
    IRolloutWebhooks webhooks,
    WebhookSpecPolicy webhookPolicy,
    RolloutMetrics metrics,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Rollouts whose gates are being asked (outside the lock): a tick meanwhile waits for that answer's outcome
    // instead of returning a state about to change.
    private readonly Dictionary<string, Task<Rollout>> _gating = new(StringComparer.Ordinal);

    /// <summary>This process's name in leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public async Task<Rollout> StartAsync(RolloutSpec spec, string actor, CancellationToken cancellationToken)
    {
        // The shape first; the configured webhook limits only for a spec whose webhooks are well formed.
        var errors = RolloutSpecValidator.Validate(spec);
        if (errors.Count == 0)
        {
            errors = webhookPolicy.Validate(spec.Webhooks);
        }

        if (errors.Count > 0)
        {
            throw RolloutException.BadRequest("invalid rollout spec: " + string.Join("; ", errors));
        }

        var model = spec.Model!;
        var candidate = spec.CandidateVersion
            ?? await actuator.ResolveAliasAsync(model, spec.CandidateAlias!)
            ?? throw RolloutException.NotFound($"alias '{spec.CandidateAlias}' of model '{model}' does not exist");
        if (!await actuator.VersionExistsAsync(model, candidate))
        {
            throw RolloutException.NotFound($"candidate version {candidate} of model '{model}' is not registered");
        }

        var stable = spec.StableVersion ?? await actuator.ResolveAliasAsync(model, ModelAliases.Champion) ?? 1;
        if (!await actuator.VersionExistsAsync(model, stable))
        {
            throw RolloutException.NotFound($"stable version {stable} of model '{model}' is not registered");
        }

        if (stable == candidate)
        {
            throw RolloutException.BadRequest($"the candidate is the stable version ({stable}): nothing to roll out");
        }

        var weight = spec.Steps[0];
        var target = targets.For(model);
        var plan = await target.PlanAsync(spec, model, weight, cancellationToken);
        var now = time.GetUtcNow();
        var rollout = new Rollout
        {
            Id = $"{model}-{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            Spec = plan.Spec,
            Model = model,
            Candidate = candidate,
            Stable = stable,
            Weight = weight,
            CloudRoute = plan.CloudRoute,
            CanaryDevices = plan.CanaryDevices,
            StartedAt = now,
            StepStartedAt = now,
            StartedBy = actor,
        };
        rollout = rollout.With(new(now, "started", $"{model} v{stable} -> v{candidate} in steps {string.Join(", ", plan.Spec.Steps)} %; {plan.Spec.Reason}".TrimEnd(' ', ';'), actor, weight));
        if (await store.TryCreateAsync(rollout) is { } active)
        {
            throw RolloutException.Conflict($"model '{model}' is already rolling out (rollout {active}); abort or finish it first");
        }

        // Webhooks are called outside the lock: a slow or hanging hook must never delay a command such as abort.
        var notices = new List<RolloutNotice>();
        Rollout started;
        var allowed = await webhooks.NotifyAsync(rollout, WebhookTypes.PreRollout, "starting", cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!allowed)
            {
                // Nothing was assigned yet, so nothing is put back: the chosen canaries never moved.
                started = await steps.RollBackAsync(rollout with { CanaryDevices = [] }, "a pre-rollout webhook refused the rollout", actor, notices);
            }
            else
            {
                await actuator.SetAliasAsync(model, ModelAliases.Challenger, candidate, actor, $"rollout {rollout.Id}");
                if (weight >= 100)
                {
                    started = await steps.PromoteAsync(rollout, "single step of 100 %", actor, notices);
                }
                else
                {
                    rollout = await target.BeginAsync(rollout, actor, cancellationToken);
                    await store.SaveAsync(rollout);
                    metrics.Started(rollout);
                    logger.Started(rollout.Id, model, stable, candidate, string.Join(",", rollout.CanaryDevices));
                    started = rollout;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        await SendAsync(notices, cancellationToken);
        return started;
    }

    /// <summary>Runs an analysis when one is due and acts on it; returns the rollout as saved.</summary>
    public async Task<Rollout> TickAsync(string id, CancellationToken cancellationToken)
    {
        var notices = new List<RolloutNotice>();
        Task<Rollout>? inFlight;
        (Rollout? Rollout, int? GateWeight, TaskCompletionSource<Rollout>? GateOutcome) step = default;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_gating.TryGetValue(id, out inFlight))
            {
                step = await AnalyseLockedAsync(id, notices);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (inFlight is not null)
        {
            try
            {
                return await inFlight;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The other caller's gate call failed or was cancelled by that caller: not this caller's failure.
                return await LoadAsync(id);
            }
        }

        if (step.GateWeight is not { } weight)
        {
            await SendAsync(notices, cancellationToken);
            return step.Rollout!;
        }

        // Ticks that arrive meanwhile wait for this outcome, notifications included.
        try
        {
            var result = await PassGateAsync(step.Rollout!, weight, notices, cancellationToken);
            await SendAsync(notices, cancellationToken);
            await EndGatingAsync(id);
            step.GateOutcome!.SetResult(result);
            return result;
        }
        catch (Exception ex)
        {
            await EndGatingAsync(id);
            step.GateOutcome!.TrySetException(ex);
            throw;
        }
    }

    public Task<Rollout> PauseAsync(string id, string actor, string? reason) => CommandAsync(id, (rollout, _) =>
        rollout.Phase != RolloutPhase.Progressing
            ? throw RolloutException.Conflict($"rollout {id} is {Phase(rollout)}, only a progressing rollout can be paused")
            : Task.FromResult(rollout.With(new(time.GetUtcNow(), "paused", reason ?? "paused", actor, rollout.Weight)) with { Phase = RolloutPhase.Paused }));

    public Task<Rollout> ResumeAsync(string id, string actor, string? reason) => CommandAsync(id, (rollout, _) =>
        rollout.Phase != RolloutPhase.Paused
            ? throw RolloutException.Conflict($"rollout {id} is {Phase(rollout)}, only a paused rollout can be resumed")
            : Task.FromResult(rollout.With(new(time.GetUtcNow(), "resumed", reason ?? "resumed", actor, rollout.Weight)) with
            {
                Phase = RolloutPhase.Progressing,

                // Judge the resumed rollout on fresh traffic: what happened while paused is not this step's evidence.
                StepStartedAt = time.GetUtcNow(),
                LastAnalysisAt = null,
            }));

    public Task<Rollout> PromoteNowAsync(string id, string actor, string? reason) => CommandAsync(id, (rollout, notices) =>
        rollout.IsFinished
            ? throw RolloutException.Conflict($"rollout {id} is already {Phase(rollout)}")
            : steps.PromoteAsync(rollout, "promoted by command" + (reason is null ? "" : $": {reason}"), actor, notices));

    public Task<Rollout> AbortNowAsync(string id, string actor, string? reason) => CommandAsync(id, (rollout, notices) =>
        rollout.IsFinished
            ? throw RolloutException.Conflict($"rollout {id} is already {Phase(rollout)}")
            : steps.RollBackAsync(rollout, "aborted by command" + (reason is null ? "" : $": {reason}"), actor, notices));

    /// <summary>The analysis and what follows from it, under the lock; a step that needs its gates asked is handed back.</summary>
    private async Task<(Rollout Rollout, int? GateWeight, TaskCompletionSource<Rollout>? GateOutcome)> AnalyseLockedAsync(string id, List<RolloutNotice> notices)
    {
        var rollout = await LoadAsync(id);
        var pausedButKept = rollout.Phase == RolloutPhase.Paused && targets.Of(rollout).KeepsPausedStep;
        if ((rollout.Phase != RolloutPhase.Progressing && !pausedButKept) || !await store.TryLeaseAsync(id, Owner, TimeSpan.FromSeconds(options.Value.LeaseSeconds)))
        {
            return (rollout, null, null);
        }

        rollout = await steps.SyncAsync(rollout);
        if (pausedButKept)
        {
            return (rollout, null, null);
        }

        var (analysed, gateWeight) = await steps.AnalyseAsync(rollout, notices);
        if (gateWeight is null)
        {
            return (analysed, null, null);
        }

        var outcome = new TaskCompletionSource<Rollout>(TaskCreationOptions.RunContinuationsAsynchronously);
        _gating[id] = outcome.Task;
        return (analysed, gateWeight, outcome);
    }

    /// <summary>
    /// Asks the gates without holding the lock, then applies their answer only if the rollout is still where
    /// it was: a command (abort, pause, promote) given meanwhile wins.
    /// </summary>
    private async Task<Rollout> PassGateAsync(Rollout asked, int weight, List<RolloutNotice> notices, CancellationToken cancellationToken)
    {
        var decision = await webhooks.AskGatesAsync(asked, weight, cancellationToken);
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var current = await LoadAsync(asked.Id);
            var unchanged = current.Phase == RolloutPhase.Progressing && current.Step == asked.Step && current.SuccessesAtStep >= current.Spec.SuccessesPerStep;
            return unchanged ? await steps.AdvanceAsync(current, decision, notices) : current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EndGatingAsync(string id)
    {
        await _gate.WaitAsync(CancellationToken.None);
        _gating.Remove(id);
        _gate.Release();
    }

    private async Task<Rollout> CommandAsync(string id, Func<Rollout, List<RolloutNotice>, Task<Rollout>> change)
    {
        var notices = new List<RolloutNotice>();
        Rollout changed;
        await _gate.WaitAsync();
        try
        {
            var rollout = await LoadAsync(id);
            changed = await change(rollout, notices);
            if (!changed.IsFinished)
            {
                await store.SaveAsync(changed);
            }
        }
        finally
        {
            _gate.Release();
        }

        await SendAsync(notices, CancellationToken.None);
        return changed;
    }

    private async Task SendAsync(List<RolloutNotice> notices, CancellationToken cancellationToken)
    {
        foreach (var notice in notices)
        {
            await webhooks.NotifyAsync(notice.Rollout, notice.Type, notice.Message, cancellationToken);
        }
    }

    private async Task<Rollout> LoadAsync(string id) =>
        await store.GetAsync(id) ?? throw RolloutException.NotFound($"rollout '{id}' does not exist");

    private static string Phase(Rollout rollout) => JsonNamingPolicy.KebabCaseLower.ConvertName(rollout.Phase.ToString());
}

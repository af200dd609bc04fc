using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// The rollout state machine: start, analyse at each interval, step up, promote, roll back, and the
/// commands (pause, resume, promote now, abort now). Every change is saved before it returns, and every
/// change goes through one lock per process plus the store lease, so commands and the controller's ticks
/// never overwrite each other.
/// </summary>
public sealed partial class RolloutEngine(
    RolloutStore store,
    IRolloutActuator actuator,
    IRolloutSamples samples,
    IRolloutWebhooks webhooks,
    RolloutMetrics metrics,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger,
    ICloudTraffic? cloudTraffic = null)
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    private readonly SemaphoreSlim _gate = new(1, 1);

    // Rollouts whose gates are being asked (outside the lock): a tick meanwhile waits for that answer's outcome
    // instead of returning a state about to change.
    private readonly Dictionary<string, Task<Rollout>> _gating = new(StringComparer.Ordinal);

    /// <summary>This process's name in leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public async Task<Rollout> StartAsync(RolloutSpec spec, string actor, CancellationToken cancellationToken)
    {
        var errors = RolloutSpecValidator.Validate(spec);
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

        var stable = spec.StableVersion ?? await actuator.ResolveAliasAsync(model, Champion) ?? 1;
        if (!await actuator.VersionExistsAsync(model, stable))
        {
            throw RolloutException.NotFound($"stable version {stable} of model '{model}' is not registered");
        }

        if (stable == candidate)
        {
            throw RolloutException.BadRequest($"the candidate is the stable version ({stable}): nothing to roll out");
        }

        var weight = spec.Steps[0];
        string? cloudRoute = null;
        IReadOnlyList<string> canaries = [];
        if (CloudModels.IsCloud(model))
        {
            // A cloud model has no devices: its canary is a share of the route's cloud calls, set in the router.
            spec = CloudSpec(spec, model);
            cloudRoute = CloudModels.RouteOf(model);
            await Cloud.EnsureRouteAsync(cloudRoute, model, cancellationToken);
        }
        else
        {
            var devices = await actuator.DevicesAsync(model);
            if (devices.Count < 2 && spec.Steps[0] < 100)
            {
                throw RolloutException.Conflict($"a canary needs at least two devices in the fleet (one canary, one control); the fleet has {devices.Count}");
            }

            canaries = CanaryGroup.Select(devices, model, weight);
        }

        var now = time.GetUtcNow();
        var rollout = new Rollout
        {
            Id = $"{model}-{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            Spec = spec,
            Model = model,
            Candidate = candidate,
            Stable = stable,
            Weight = weight,
            CloudRoute = cloudRoute,
            CanaryDevices = canaries,
            StartedAt = now,
            StepStartedAt = now,
            StartedBy = actor,
        };
        rollout = rollout.With(new(now, "started", $"{model} v{stable} -> v{candidate} in steps {string.Join(", ", spec.Steps)} %; {spec.Reason}".TrimEnd(' ', ';'), actor, weight));
        if (await store.TryCreateAsync(rollout) is { } active)
        {
            throw RolloutException.Conflict($"model '{model}' is already rolling out (rollout {active}); abort or finish it first");
        }

        // Webhooks are called outside the lock: a slow or hanging hook must never delay a command such as abort.
        var notices = new List<Notice>();
        Rollout started;
        var allowed = await webhooks.NotifyAsync(rollout, WebhookTypes.PreRollout, "starting", cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!allowed)
            {
                // Nothing was assigned yet, so nothing is put back: the chosen canaries never moved.
                started = await RollBackAsync(rollout with { CanaryDevices = [] }, "a pre-rollout webhook refused the rollout", actor, notices);
            }
            else
            {
                await actuator.SetAliasAsync(model, Challenger, candidate, actor, $"rollout {rollout.Id}");
                if (weight >= 100)
                {
                    started = await PromoteAsync(rollout, "single step of 100 %", actor, notices);
                }
                else
                {
                    if (cloudRoute is null)
                    {
                        await actuator.AssignAsync(model, candidate, rollout.CanaryDevices, actor, $"rollout {rollout.Id}: canary {weight} %");
                    }
                    else
                    {
                        try
                        {
                            rollout = await ApplyCloudWeightsAsync(rollout, cancellationToken);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                        {
                            // The router is away: it calls the champion without weights, and the controller's ticks set them once it is back.
                            LogWeightsFailed(rollout.Id, ex.Message);
                        }
                    }

                    await store.SaveAsync(rollout);
                    metrics.Started(rollout);
                    LogStarted(rollout.Id, model, stable, candidate, string.Join(",", rollout.CanaryDevices));
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
        var notices = new List<Notice>();
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

    /// <summary>The analysis and what follows from it, under the lock; a step that needs its gates asked is handed back.</summary>
    private async Task<(Rollout Rollout, int? GateWeight, TaskCompletionSource<Rollout>? GateOutcome)> AnalyseLockedAsync(string id, List<Notice> notices)
    {
        var rollout = await LoadAsync(id);

        // A paused cloud rollout keeps its step's split, so its weights are kept up too; it is not analysed.
        var pausedCloud = rollout.Phase == RolloutPhase.Paused && rollout.CloudRoute is not null;
        if ((rollout.Phase != RolloutPhase.Progressing && !pausedCloud) || !await store.TryLeaseAsync(id, Owner, TimeSpan.FromSeconds(options.Value.LeaseSeconds)))
        {
            return (rollout, null, null);
        }

        if (rollout.CloudRoute is not null)
        {
            // Every tick: a restarted router has lost its weights, and a restarted cloud may not serve the candidate yet.
            var serving = rollout.CloudServing;
            rollout = await ApplyCloudWeightsAsync(rollout, CancellationToken.None);
            if (rollout.CloudServing != serving)
            {
                await store.SaveAsync(rollout);
            }
        }

        if (pausedCloud)
        {
            return (rollout, null, null);
        }

        var now = time.GetUtcNow();
        var interval = TimeSpan.FromSeconds(rollout.Spec.IntervalSeconds);
        if (now < (rollout.LastAnalysisAt ?? rollout.StepStartedAt) + interval)
        {
            return (rollout, null, null);
        }

        var (canary, control) = await samples.CollectAsync(rollout, rollout.StepStartedAt, now);
        var analysis = CanaryAnalyzer.Analyse(rollout.Spec, canary, control, rollout.StepStartedAt, now, rollout.Step, rollout.Weight);
        var kept = rollout.Analyses.Count >= options.Value.MaxAnalysesKept ? rollout.Analyses.Skip(1) : rollout.Analyses;
        rollout = rollout with { LastAnalysisAt = now, Analyses = [.. kept, analysis] };
        metrics.Analysed(rollout, analysis.Verdict);
        LogAnalysis(id, rollout.Weight, analysis.Verdict);
        switch (analysis.Verdict)
        {
            case Verdict.Failed:
                return (await OnFailedAsync(rollout with { InconclusiveInARow = 0 }, analysis, notices), null, null);
            case Verdict.Inconclusive:
                return (await OnInconclusiveAsync(rollout, analysis, notices), null, null);
        }

        rollout = rollout with { InconclusiveInARow = 0, SuccessesAtStep = rollout.SuccessesAtStep + 1 };
        if (rollout.SuccessesAtStep < rollout.Spec.SuccessesPerStep)
        {
            return (await SaveAsync(rollout), null, null);
        }

        if (!rollout.Spec.Webhooks.Any(h => h.Type == WebhookTypes.Gate))
        {
            return (await AdvanceAsync(rollout, GateDecision.Proceed, notices), null, null);
        }

        var outcome = new TaskCompletionSource<Rollout>(TaskCreationOptions.RunContinuationsAsynchronously);
        _gating[id] = outcome.Task;
        return (await SaveAsync(rollout), rollout.Spec.Steps[rollout.Step + 1], outcome);
    }

    /// <summary>
    /// Asks the gates without holding the lock, then applies their answer only if the rollout is still where
    /// it was: a command (abort, pause, promote) given meanwhile wins.
    /// </summary>
    private async Task<Rollout> PassGateAsync(Rollout asked, int weight, List<Notice> notices, CancellationToken cancellationToken)
    {
        var decision = await webhooks.AskGatesAsync(asked, weight, cancellationToken);
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var current = await LoadAsync(asked.Id);
            var unchanged = current.Phase == RolloutPhase.Progressing && current.Step == asked.Step && current.SuccessesAtStep >= current.Spec.SuccessesPerStep;
            return unchanged ? await AdvanceAsync(current, decision, notices) : current;
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
            : PromoteAsync(rollout, "promoted by command" + (reason is null ? "" : $": {reason}"), actor, notices));

    public Task<Rollout> AbortNowAsync(string id, string actor, string? reason) => CommandAsync(id, (rollout, notices) =>
        rollout.IsFinished
            ? throw RolloutException.Conflict($"rollout {id} is already {Phase(rollout)}")
            : RollBackAsync(rollout, "aborted by command" + (reason is null ? "" : $": {reason}"), actor, notices));

    private async Task<Rollout> CommandAsync(string id, Func<Rollout, List<Notice>, Task<Rollout>> change)
    {
        var notices = new List<Notice>();
        Rollout changed;
        await _gate.WaitAsync();
        try
        {
            var rollout = await LoadAsync(id);
            changed = await change(rollout, notices);
            if (!changed.IsFinished)
            {
                await SaveAsync(changed);
            }
        }
        finally
        {
            _gate.Release();
        }

        await SendAsync(notices, CancellationToken.None);
        return changed;
    }

    private async Task<Rollout> OnFailedAsync(Rollout rollout, AnalysisResult analysis, List<Notice> notices)
    {
        var failed = rollout.FailedAnalyses + 1;
        var reasons = string.Join("; ", analysis.Metrics.Where(m => m.Verdict == Verdict.Failed).Select(m => $"{m.Name}: {m.Reason}"));
        rollout = rollout.With(new(analysis.At, "analysis-failed", $"failed analysis {failed} of {rollout.Spec.FailureLimit}: {reasons}", "controller", rollout.Weight))
            with { FailedAnalyses = failed, SuccessesAtStep = 0 };
        return failed >= rollout.Spec.FailureLimit
            ? await RollBackAsync(rollout, $"{failed} failed analyses (failure limit {rollout.Spec.FailureLimit}): {reasons}", "controller", notices)
            : await SaveAsync(rollout);
    }

    private async Task<Rollout> OnInconclusiveAsync(Rollout rollout, AnalysisResult analysis, List<Notice> notices)
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

    /// <summary>The step after a passed analysis, as the gates decided.</summary>
    private async Task<Rollout> AdvanceAsync(Rollout rollout, GateDecision gate, List<Notice> notices)
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
        var devices = rollout.CanaryDevices;
        string what;
        if (rollout.CloudRoute is null)
        {
            devices = CanaryGroup.Select(await actuator.DevicesAsync(rollout.Model), rollout.Model, weight);
            var added = devices.Except(rollout.CanaryDevices, StringComparer.Ordinal).ToList();
            await actuator.AssignAsync(rollout.Model, rollout.Candidate, added, "controller", $"rollout {rollout.Id}: step to {weight} %");
            what = $"{devices.Count} devices: {string.Join(", ", devices)}";
        }
        else
        {
            what = $"of route {rollout.CloudRoute}'s cloud calls";
        }

        rollout = rollout.With(new(now, "step", $"step {next + 1} of {rollout.Spec.Steps.Count}: {weight} % ({what})", "controller", weight)) with
        {
            Step = next,
            Weight = weight,
            CanaryDevices = devices,
            StepStartedAt = now,
            LastAnalysisAt = null,
            SuccessesAtStep = 0,
            HeldBy = null,
        };
        if (rollout.CloudRoute is not null)
        {
            rollout = await ApplyCloudWeightsAsync(rollout, CancellationToken.None);
        }

        await SaveAsync(rollout);
        notices.Add(new(rollout, WebhookTypes.Step, $"step to {weight} %"));
        return rollout;
    }

    private async Task<Rollout> PromoteAsync(Rollout rollout, string why, string actor, List<Notice> notices)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<string> devices = [];
        string where;
        if (rollout.CloudRoute is null)
        {
            devices = await actuator.DevicesAsync(rollout.Model);
            await actuator.AssignAsync(rollout.Model, rollout.Candidate, devices, actor, $"rollout {rollout.Id}: promoted");
            where = $"on all {devices.Count} devices";
        }
        else
        {
            where = "for all of route " + rollout.CloudRoute + "'s cloud calls" + await FinalCloudWeightsAsync(rollout, rollout.Candidate);
        }

        await actuator.SetAliasAsync(rollout.Model, Champion, rollout.Candidate, actor, $"rollout {rollout.Id} promoted: {why}");
        await actuator.SetAliasAsync(rollout.Model, Challenger, null, actor, $"rollout {rollout.Id} promoted");
        rollout = rollout.With(new(now, "promoted", $"v{rollout.Candidate} is the champion {where}: {why}", actor, 100)) with
        {
            Phase = RolloutPhase.Promoted,
            Weight = 100,
            CanaryDevices = devices,
            FinishedAt = now,
        };
        await store.SaveAsync(rollout);
        metrics.Finished(rollout);
        LogFinished(rollout.Id, "promoted", why);
        notices.Add(new(rollout, WebhookTypes.Promotion, why));
        return rollout;
    }

    private async Task<Rollout> RollBackAsync(Rollout rollout, string why, string actor, List<Notice> notices)
    {
        var now = time.GetUtcNow();
        string back;
        if (rollout.CloudRoute is null)
        {
            await actuator.AssignAsync(rollout.Model, rollout.Stable, rollout.CanaryDevices, actor, $"rollout {rollout.Id}: rolled back");
            back = $"{rollout.CanaryDevices.Count} canary devices back on v{rollout.Stable}";
        }
        else
        {
            back = $"route {rollout.CloudRoute}'s cloud calls back on v{rollout.Stable}, v{rollout.Candidate} at weight 0" + await FinalCloudWeightsAsync(rollout, rollout.Stable);
        }

        // The challenger alias leaves the failed version; the model's audit trail records why.
        await actuator.SetAliasAsync(rollout.Model, Challenger, null, actor, $"rollout {rollout.Id} rolled back, v{rollout.Candidate} failed: {why}");
        rollout = rollout.With(new(now, "rolled-back", $"{back}: {why}", actor, 0)) with
        {
            Phase = RolloutPhase.RolledBack,
            Weight = 0,
            FinishedAt = now,
        };
        await store.SaveAsync(rollout);
        metrics.Finished(rollout);
        LogFinished(rollout.Id, "rolled back", why);
        notices.Add(new(rollout, WebhookTypes.Rollback, why));
        return rollout;
    }

    private ICloudTraffic Cloud => cloudTraffic
        ?? throw RolloutException.Conflict("this registry cannot split cloud traffic: no router is configured (CloudTraffic:RouterAddress)");

    /// <summary>A cloud rollout's spec: the cloud checks by default; a check that cannot be split by version is refused.</summary>
    private static RolloutSpec CloudSpec(RolloutSpec spec, string model)
    {
        if (ReferenceEquals(spec.Metrics, MetricCheck.Defaults))
        {
            return spec with { Metrics = CloudModels.DefaultMetrics };
        }

        var refused = spec.Metrics.Where(m => CloudModels.Unsupported.ContainsKey(m.Name))
            .Select(m => $"metric '{m.Name}' cannot judge cloud model '{model}': {CloudModels.Unsupported[m.Name]}")
            .ToList();
        return refused.Count == 0 ? spec : throw RolloutException.BadRequest("invalid rollout spec: " + string.Join("; ", refused));
    }

    /// <summary>
    /// Sets the router's weights for the current step: the candidate gets its share only while the cloud serves
    /// it (calls for a version the cloud lacks would fail), the stable version the rest.
    /// </summary>
    private async Task<Rollout> ApplyCloudWeightsAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var serving = await Cloud.ServesAsync(rollout.Model, rollout.Candidate, cancellationToken);
        if (serving && !rollout.CloudServing)
        {
            // Judge the step on traffic the candidate could answer: the window starts now.
            var now = time.GetUtcNow();
            rollout = rollout.With(new(now, "cloud-serving", $"the cloud serves v{rollout.Candidate}: {rollout.Weight} % of route {rollout.CloudRoute}'s cloud calls go to it", "controller", rollout.Weight))
                with { CloudServing = true, StepStartedAt = now, LastAnalysisAt = null };
        }
        else if (!serving && rollout.Events.All(e => e.Kind != "cloud-waiting"))
        {
            rollout = rollout.With(new(time.GetUtcNow(), "cloud-waiting", $"the cloud does not serve v{rollout.Candidate} yet (it loads the challenger alias); no traffic to it until it does", "controller", 0));
        }

        var share = serving ? rollout.Weight : 0;
        await Cloud.SetWeightsAsync(rollout.CloudRoute!, Weights(rollout, share), cancellationToken);
        return rollout;
    }

    /// <summary>The last weights of a finished cloud rollout: all to <paramref name="winner"/>, 0 to the other. A router that cannot be reached is said in the event; once back it starts without weights and calls the champion.</summary>
    private async Task<string> FinalCloudWeightsAsync(Rollout rollout, int winner)
    {
        try
        {
            await Cloud.SetWeightsAsync(rollout.CloudRoute!, Weights(rollout, winner == rollout.Candidate ? 100 : 0), CancellationToken.None);
            return "";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or RolloutException)
        {
            LogWeightsFailed(rollout.Id, ex.Message);
            return $" (the router's weights could not be set: {ex.Message})";
        }
    }

    private static Dictionary<int, int> Weights(Rollout rollout, int candidateShare) =>
        new() { [rollout.Stable] = 100 - candidateShare, [rollout.Candidate] = candidateShare };

    private async Task SendAsync(List<Notice> notices, CancellationToken cancellationToken)
    {
        foreach (var notice in notices)
        {
            await webhooks.NotifyAsync(notice.Rollout, notice.Type, notice.Message, cancellationToken);
        }
    }

    private async Task<Rollout> SaveAsync(Rollout rollout)
    {
        await store.SaveAsync(rollout);
        return rollout;
    }

    private async Task<Rollout> LoadAsync(string id) =>
        await store.GetAsync(id) ?? throw RolloutException.NotFound($"rollout '{id}' does not exist");

    private static string Phase(Rollout rollout) => JsonNamingPolicy.KebabCaseLower.ConvertName(rollout.Phase.ToString());

    /// <summary>A webhook notification decided under the lock and sent after it.</summary>
    private sealed record Notice(Rollout Rollout, string Type, string Message);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rollout {Id} started: {Model} v{Stable} -> v{Candidate}, canary devices {Devices}")]
    private partial void LogStarted(string id, string model, int stable, int candidate, string devices);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Rollout {Id} at {Weight} %: analysis {Verdict}")]
    private partial void LogAnalysis(string id, int weight, Verdict verdict);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rollout {Id} {Outcome}: {Why}")]
    private partial void LogFinished(string id, string outcome, string why);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Rollout {Id}: the router's cloud weights could not be set: {Reason}")]
    private partial void LogWeightsFailed(string id, string reason);
}

namespace HybridInference.ModelPipeline.Triggers;

/// <summary>
/// Starts pipeline runs by itself: at each check it reads the state, counts the new labelled data, decides,
/// and claims the run in the store before starting it, so a restart or a second watcher never starts the same
/// run twice. The run itself is <paramref name="launch"/> (the pipeline with the watcher's options); its id is
/// recorded in the state.
/// </summary>
public sealed class PipelineTrigger(TriggerStore store, TriggerOptions options, Func<string, CancellationToken, Task<string>> launch, TimeProvider time, Action<string> log)
{
    /// <summary>One check; returns what was decided.</summary>
    public async Task<TriggerDecision> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = await store.GetOrCreateAsync(options.Model, now);
        var labelled = options.NewLabelledRecords is null ? 0 : await store.CountLabelledEscalatedAsync(state.Since, now);
        var decision = TriggerRules.Decide(options, state, now, labelled);
        if (!decision.Run)
        {
            return decision;
        }

        // Claimed before the run starts: a crash during the run leaves a run to resume (pipeline --resume), never a second one.
        var claimed = new TriggerState(now, decision.Reason);
        if (!await store.TryClaimAsync(options.Model, state, claimed))
        {
            return new TriggerDecision(false, "another watcher claimed this run");
        }

        log($"trigger: {decision.Reason}: starting a run of {options.Model}");
        var runId = await launch(decision.Reason, cancellationToken);
        await store.TryClaimAsync(options.Model, claimed, claimed with { RunId = runId });
        return decision;
    }

    /// <summary>Checks every <see cref="TriggerOptions.CheckEvery"/> until cancelled.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.CheckEvery, time);
        do
        {
            try
            {
                var decision = await CheckAsync(cancellationToken);
                if (!decision.Run)
                {
                    log($"trigger: waiting: {decision.Reason}");
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One failed check (the store timing out, a run that could not start) must not end the watcher: the
                // next check reads the state again, and a claimed run is resumed with pipeline --resume.
                log($"trigger: check failed ({ex.GetType().Name}: {ex.Message}); checking again in {options.CheckEvery.TotalMinutes:0.##} min");
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}

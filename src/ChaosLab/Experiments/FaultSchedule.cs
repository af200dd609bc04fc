using HybridInference.Faults.Distribution;
using HybridInference.Faults.Model;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The faults of a run's timeline: each injected at its offset for its duration, through the same store the fault API
/// writes, then watched to end by itself (its key's TTL). After a safety stop, what the run injected is cleared.
/// </summary>
internal sealed partial class FaultSchedule(FaultStore faults, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan ExpiryWait = TimeSpan.FromSeconds(5);

    /// <summary>Starts every fault of the run's experiment; each task ends when its fault has gone, or at <paramref name="abort"/>.</summary>
    public IEnumerable<Task> Start(ExperimentRun run, CancellationToken abort) =>
        run.Experiment.Faults.Select((fault, i) => InjectAsync(run, fault, i, abort));

    /// <summary>Removes every fault the run injected (after a safety stop: nothing else would end them before their expiry).</summary>
    public async Task ClearAsync(ExperimentRun run)
    {
        var cleared = 0;
        foreach (var id in run.Injected.Keys)
        {
            cleared += await faults.RemoveAsync(id) ? 1 : 0;
        }

        run.Log("faults cleared", $"{cleared} fault(s) of this experiment removed after the safety stop");
    }

    private async Task InjectAsync(ExperimentRun run, Experiment.ScheduledFault scheduled, int index, CancellationToken abort)
    {
        try
        {
            await Task.Delay(scheduled.Offset, time, abort);
            var request = scheduled.Fault with { Id = scheduled.Fault.Id ?? $"{run.Id}-f{index}", DurationSeconds = scheduled.Duration.TotalSeconds };
            var now = time.GetUtcNow();
            if (!FaultValidator.TryCreate(request, now, () => request.Id, out var fault, out var errors))
            {
                run.Log("fault refused", string.Join("; ", errors.SelectMany(e => e.Value)));
                return;
            }

            if (!await faults.TryAddAsync(fault!, now))
            {
                run.Log("fault refused", $"a fault with id '{fault!.Id}' is already active");
                return;
            }

            run.Injected[fault!.Id] = fault;
            var injectedAt = run.NowMs();
            run.Steps[fault.Id] = new StepWindow(fault.Id, injectedAt, null);
            run.Log("fault injected", fault.Describe());
            await Task.Delay(scheduled.Duration, time, abort);
            run.Steps[fault.Id] = new StepWindow(fault.Id, injectedAt, run.NowMs());
            run.Log("fault due to end", fault.Id);

            // Nothing removes it: the experiment shows that the fault ends by itself (its key's TTL in the store).
            var ends = time.GetTimestamp();
            while (time.GetElapsedTime(ends) < ExpiryWait)
            {
                if ((await faults.ReadAllAsync()).All(f => f.Id != fault.Id))
                {
                    run.Log("fault expired", $"{fault.Id} gone from the store by itself");
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), time, abort);
            }

            run.Log("fault still active", $"{fault.Id} still in the store {ExpiryWait.TotalSeconds} s after its end");
        }
        catch (OperationCanceledException)
        {
            // Aborted: the caller clears what was injected.
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            run.Log("fault failed", $"the store refused: {ex.Message}");
            LogStoreFailure(logger, ex, run.Id);
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Experiment run {RunId}: the store refused a fault")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception, string runId);
}

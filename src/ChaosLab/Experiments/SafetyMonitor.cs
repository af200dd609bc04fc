namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Watches a run's safety limit while its traffic goes (<see cref="SafetyCheck"/> every <see cref="Period"/>), and
/// stops the run when the limit is crossed: the reason is the run's stop reason, and the abort ends traffic and schedule.
/// </summary>
internal sealed class SafetyMonitor(TimeProvider time)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks until <paramref name="trafficDone"/>, or cancels <paramref name="abort"/> when the limit is crossed.</summary>
    public async Task WatchAsync(ExperimentRun run, CancellationTokenSource abort, CancellationToken trafficDone)
    {
        ArgumentNullException.ThrowIfNull(abort);
        var limit = run.Experiment.Safety;
        while (!trafficDone.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, time, trafficDone);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (SafetyCheck.Crossed(run.Samples, run.NowMs(), limit) is { } reason)
            {
                run.StopReason = reason;
                run.Log("safety stop", reason);
                await abort.CancelAsync();
                return;
            }
        }
    }
}

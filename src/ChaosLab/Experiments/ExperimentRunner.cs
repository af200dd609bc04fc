using System.Globalization;
using HybridInference.Clients.RouterAdmin;
using HybridInference.Faults.Distribution;
using HybridInference.Training.Data;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Runs one experiment by composing its parts: the traffic (<see cref="TrafficGenerator"/>) sends the committed test
/// images through the router at the planned rate; the schedule injects each fault (<see cref="FaultSchedule"/>) and
/// announces each harness action (<see cref="ActionSchedule"/>) at its offset; the checks watch the safety limit
/// (<see cref="SafetyMonitor"/>), look every answered request up in the prediction log (<see cref="RecordsCheck"/>) and
/// judge the run (<see cref="RunVerdict"/>); <see cref="RunReport"/> builds what the API shows.
/// </summary>
public sealed class ExperimentRunner(
    IHttpClientFactory clients, FaultStore faults, TestImages images, HarnessActions actions, TimeProvider time, ILogger<ExperimentRunner> logger)
{
    /// <summary>The traffic client: no retries or hedging of its own, so a request the router fails is counted as failed.</summary>
    public const string ClientName = "chaoslab-traffic";

    /// <summary>The client that follows rollouts on the registry (<c>rollout-start</c> actions).</summary>
    public const string RegistryClientName = "chaoslab-registry";

    private readonly FaultSchedule _faults = new(faults, time, logger);
    private readonly ActionSchedule _actions = new(actions, time);
    private readonly SafetyMonitor _safety = new(time);
    private readonly RecordsCheck _records = new(time);

    /// <param name="publish">called with the report so far whenever the timeline grows, so a run can be watched</param>
    public async Task<ExperimentReport> RunAsync(string runId, Experiment experiment, Action<ExperimentReport> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var run = new ExperimentRun(runId, experiment, time, publish, () => actions.PendingFor(runId));
        ImageSet set;
        try
        {
            set = images.Set;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or DataFormatException or UnauthorizedAccessException)
        {
            return run.Finish(RunStatus.Error, $"the test images could not be loaded: {ex.Message}", null, []);
        }

        var client = clients.CreateClient(ClientName);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var traffic = experiment.Traffic;
        run.Log("started", string.Create(CultureInfo.InvariantCulture,
            $"{traffic.Requests} requests at {traffic.RequestsPerSecond}/s, concurrency {traffic.Concurrency}, {experiment.Faults.Count} fault(s)"));

        var watch = new RouterWatch(new RouterAdminClient(clients.CreateClient(RouterAdminClientExtensions.ClientName)), run.NowMs, e =>
        {
            run.RouterEvents.Enqueue(e);
            run.Log("router: " + e.Event, $"{e.Node}: {e.Detail}");
        });
        await watch.ReadOnceAsync(abort.Token);
        using var trafficDone = new CancellationTokenSource();
        // A rollout is followed while the traffic runs (its expectation is judged on that window), or until a safety stop.
        using var following = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, trafficDone.Token);
        var registry = experiment.Actions.Any(a => a.Kind == ActionKinds.RolloutStart) ? clients.CreateClient(RegistryClientName) : null;
        var scheduled = _faults.Start(run, abort.Token).Concat(_actions.Start(run, registry, abort.Token, following.Token)).ToList();
        var monitor = _safety.WatchAsync(run, abort, trafficDone.Token);
        var watching = watch.RunAsync(time, trafficDone.Token);
        await new TrafficGenerator(client, set, time).SendAllAsync(run, abort.Token, cancellationToken);
        await trafficDone.CancelAsync();
        await monitor;
        await watching;
        await Task.WhenAll(scheduled);

        if (run.StopReason is not null)
        {
            await _faults.ClearAsync(run);
        }

        run.Log("traffic ended", $"{run.Samples.Count} requests sent");
        var measured = SampleMeasurements.From(run.Samples.ToList());
        if (experiment.Checks.AllRecorded && run.StopReason is null && !cancellationToken.IsCancellationRequested)
        {
            measured = await _records.MeasureAsync(run, client, measured, experiment.Checks.RecordsWait, cancellationToken);
        }

        var rollouts = run.Rollouts.ToDictionary(r => r.Key, r => r.Value.Trace(), StringComparer.Ordinal);
        measured = RunReport.WithEvents(measured, run, rollouts);
        var (checks, status) = RunVerdict.Judge(run, measured, watch.Seen, rollouts);
        return run.Finish(status, run.StopReason, measured, checks);
    }
}

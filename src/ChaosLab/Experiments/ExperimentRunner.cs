using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HybridInference.Faults.Distribution;
using HybridInference.Faults.Model;
using HybridInference.Training.Data;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Runs one experiment: sends the committed test images through the router at the planned rate, injects each
/// fault at its offset for its duration (through the same store the fault API writes), watches the safety limit,
/// and at the end looks every answered request up in the router's prediction log and judges the checks.
/// </summary>
public sealed partial class ExperimentRunner(
    IHttpClientFactory clients, FaultStore faults, TestImages images, HarnessActions actions, TimeProvider time, ILogger<ExperimentRunner> logger)
{
    /// <summary>The traffic client: no retries or hedging of its own, so a request the router fails is counted as failed.</summary>
    public const string ClientName = "chaoslab-traffic";

    /// <summary>The client that follows rollouts on the registry (<c>rollout-start</c> actions).</summary>
    public const string RegistryClientName = "chaoslab-registry";

    private static readonly TimeSpan SafetyPeriod = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ExpiryWait = TimeSpan.FromSeconds(5);

    /// <summary>How long an announced action waits for the harness; a kill is quick, a model update's request too.</summary>
    public static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(15);

    /// <param name="publish">called with the report so far whenever the timeline grows, so a run can be watched</param>
    public async Task<ExperimentReport> RunAsync(string runId, Experiment experiment, Action<ExperimentReport> publish, CancellationToken cancellationToken)
    {
        var run = new Run(runId, experiment, time, publish, () => actions.PendingFor(runId));
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

        var watch = new RouterWatch(client, run.NowMs, e =>
        {
            run.RouterEvents.Enqueue(e);
            run.Log("router: " + e.Event, $"{e.Node}: {e.Detail}");
        });
        await watch.ReadOnceAsync(abort.Token);
        using var trafficDone = new CancellationTokenSource();
        // A rollout is followed while the traffic runs (its expectation is judged on that window), or until a safety stop.
        using var following = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, trafficDone.Token);
        var registry = experiment.Actions.Any(a => a.Kind == ActionKinds.RolloutStart) ? clients.CreateClient(RegistryClientName) : null;
        var scheduled = experiment.Faults.Select((fault, i) => ScheduleAsync(run, fault, i, abort.Token))
            .Concat(experiment.Actions.Select(action => AnnounceAsync(run, action, registry, abort.Token, following.Token))).ToList();
        var monitor = WatchSafetyAsync(run, experiment.Safety, abort, trafficDone.Token);
        var watching = watch.RunAsync(time, trafficDone.Token);
        await SendAllAsync(run, client, set, abort.Token, cancellationToken);
        await trafficDone.CancelAsync();
        await monitor;
        await watching;
        await Task.WhenAll(scheduled);

        if (run.StopReason is not null)
        {
            var cleared = 0;
            foreach (var id in run.Injected.Keys)
            {
                cleared += await faults.RemoveAsync(id) ? 1 : 0;
            }

            run.Log("faults cleared", $"{cleared} fault(s) of this experiment removed after the safety stop");
        }

        run.Log("traffic ended", $"{run.Samples.Count} requests sent");
        var measured = Measurements.From(run.Samples.ToList());
        if (experiment.Checks.AllRecorded && run.StopReason is null && !cancellationToken.IsCancellationRequested)
        {
            measured = await CheckRecordsAsync(run, client, measured, experiment.Checks.RecordsWait, cancellationToken);
        }

        var rollouts = run.Rollouts.ToDictionary(r => r.Key, r => r.Value.Trace(), StringComparer.Ordinal);
        measured = measured with { RouterEvents = [.. run.RouterEvents], RolloutEvents = [.. rollouts.Values.SelectMany(r => r.Changes).OrderBy(c => c.AtMs)] };
        var checks = SteadyStateChecks.Evaluate(experiment.Checks, measured)
            .Concat(ExpectationChecks.Evaluate(experiment, run.Steps, [.. run.RouterEvents], watch.Seen, run.Samples, rollouts)).ToList();
        var status = run.StopReason is not null ? RunStatus.Aborted : checks.All(c => c.Passed) ? RunStatus.Passed : RunStatus.Failed;
        return run.Finish(status, run.StopReason, measured, checks);
    }

    private async Task SendAllAsync(Run run, HttpClient client, ImageSet set, CancellationToken abort, CancellationToken stopping)
    {
        var traffic = run.Experiment.Traffic;
        var interval = 1000 / traffic.RequestsPerSecond;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, traffic.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < traffic.Requests && !abort.IsCancellationRequested)
            {
                // Open-loop schedule: request i is due at i / rate, whatever the earlier ones took (up to the concurrency).
                var wait = i * interval - run.NowMs();
                if (wait > 0)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), time, abort);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                run.Samples.Enqueue(await SendAsync(run, client, set, i, stopping));
            }
        }));
    }

    private async Task<RequestSample> SendAsync(Run run, HttpClient client, ImageSet set, int i, CancellationToken stopping)
    {
        var traffic = run.Experiment.Traffic;
        var image = (traffic.FirstImage + i) % set.Count;
        var id = $"{run.Id}-{i}";
        var label = set.Labels[image];
        var started = run.NowMs();
        // Only the request's own timeout (and ChaosLab stopping) ends it: a safety stop lets requests in flight
        // finish, so they are not counted as failures the router did not cause.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(traffic.Timeout);
        try
        {
            using var content = new ByteArrayContent(Body(id, set, image, label, traffic.Priority));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/v2/models/fashion/infer", content, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var latency = run.NowMs() - started;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new RequestSample(id, started, latency, (int)response.StatusCode, label, Error: Truncate(text));
            }

            using var body = JsonDocument.Parse(text);
            var parameters = body.RootElement.TryGetProperty("parameters", out var p) ? p : default;
            return new RequestSample(id, started, latency, 200, label, Predicted(body.RootElement),
                Text(parameters, "tier"), Text(parameters, "escalation_reason"), Text(parameters, "edge_node"), EdgeModelVersion: Text(parameters, "edge_model_version"));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            var error = ex is OperationCanceledException && !stopping.IsCancellationRequested
                ? $"no answer within {traffic.Timeout.TotalMilliseconds} ms"
                : $"{ex.GetType().Name}: {ex.Message}";
            return new RequestSample(id, started, run.NowMs() - started, 0, label, Error: error);
        }
    }

    /// <summary>The OIP v2 request for one image, its label in <c>parameters.labels</c> for the prediction log's accuracy.</summary>
    internal static byte[] Body(string id, ImageSet set, int image, int label, bool priority)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteStartArray("inputs");
            json.WriteStartObject();
            json.WriteString("name", "input");
            json.WriteStartArray("shape");
            json.WriteNumberValue(1);
            json.WriteNumberValue(set.PixelsPerImage);
            json.WriteEndArray();
            json.WriteString("datatype", "FP32");
            json.WriteStartArray("data");
            foreach (var value in set.Image(image))
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("parameters");
            json.WriteString("labels", label.ToString(CultureInfo.InvariantCulture));
            if (priority)
            {
                json.WriteBoolean("priority", true);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The class with the highest probability in the answer's <c>probabilities</c> output.</summary>
    internal static int? Predicted(JsonElement answer)
    {
        if (!answer.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var output in outputs.EnumerateArray())
        {
            if (output.TryGetProperty("name", out var name) && name.GetString() == "probabilities" && output.TryGetProperty("data", out var data))
            {
                int best = -1, index = 0;
                var max = double.NegativeInfinity;
                foreach (var value in data.EnumerateArray())
                {
                    var v = value.GetDouble();
                    if (v > max)
                    {
                        (max, best) = (v, index);
                    }

                    index++;
                }

                return best < 0 ? null : best;
            }
        }

        return null;
    }

    private async Task ScheduleAsync(Run run, Experiment.ScheduledFault scheduled, int index, CancellationToken abort)
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

    /// <summary>At its offset, announces a harness action and waits for its confirmation; its time is when the harness says it acted.</summary>
    /// <param name="registry">the registry's client, for a <c>rollout-start</c>'s rollout</param>
    /// <param name="following">ends the following of a started rollout: the traffic's end or a safety stop</param>
    private async Task AnnounceAsync(Run run, Experiment.ScheduledAction action, HttpClient? registry, CancellationToken abort, CancellationToken following)
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

    private async Task WatchSafetyAsync(Run run, Experiment.SafetyLimit limit, CancellationTokenSource abort, CancellationToken trafficDone)
    {
        while (!trafficDone.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SafetyPeriod, time, trafficDone);
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

    private static async Task<Measurements> CheckRecordsAsync(Run run, HttpClient client, Measurements measured, TimeSpan wait, CancellationToken cancellationToken)
    {
        var missing = run.Samples.Where(s => s.Answered).Select(s => s.Id).ToList();
        var total = missing.Count;
        var started = run.NowMs();
        while (true)
        {
            var still = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                try
                {
                    using var response = await client.GetAsync($"/admin/predictions/{Uri.EscapeDataString(id)}", ct);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        still.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    still.Add(id);
                }
            });
            missing = [.. still];
            if (missing.Count == 0 || run.NowMs() - started >= wait.TotalMilliseconds)
            {
                break;
            }

            // Records are written off the request path in batches, and replayed after a store outage: give them time.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        run.Log("records checked", $"{total - missing.Count} of {total} answered requests in the prediction log");
        return measured with { RecordsChecked = total, RecordsMissing = missing.Count, MissingIds = [.. missing.Order(StringComparer.Ordinal).Take(20)] };
    }

    private static string? Text(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Experiment run {RunId}: the store refused a fault")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception, string runId);

    /// <summary>The state of one run while it goes: samples, timeline, faults it injected.</summary>
    private sealed class Run(string id, Experiment experiment, TimeProvider time, Action<ExperimentReport> publish, Func<IReadOnlyList<Experiment.ScheduledAction>> pending)
    {
        private readonly long _start = time.GetTimestamp();
        private readonly DateTimeOffset _startedAt = time.GetUtcNow();
        private readonly ConcurrentQueue<TimelineEvent> _timeline = new();

        public string Id => id;

        public Experiment Experiment => experiment;

        public ConcurrentQueue<RequestSample> Samples { get; } = new();

        public ConcurrentDictionary<string, Fault> Injected { get; } = new();

        /// <summary>When each fault and action took effect, by id, for the expectations.</summary>
        public ConcurrentDictionary<string, StepWindow> Steps { get; } = new();

        public ConcurrentQueue<RouterEvent> RouterEvents { get; } = new();

        /// <summary>The rollouts begun by <c>rollout-start</c> actions, by action id.</summary>
        public ConcurrentDictionary<string, RolloutWatch> Rollouts { get; } = new(StringComparer.Ordinal);

        /// <summary>A wall-clock time (the harness's) as ms since the run's start.</summary>
        public double MsAt(DateTimeOffset at) => Math.Round((at - _startedAt).TotalMilliseconds, 1);

        public string? StopReason { get; set; }

        public double NowMs() => time.GetElapsedTime(_start).TotalMilliseconds;

        public void Log(string kind, string detail)
        {
            _timeline.Enqueue(new TimelineEvent(Math.Round(NowMs(), 1), kind, detail));
            publish(Report(RunStatus.Running, null, null, []));
        }

        public ExperimentReport Finish(RunStatus status, string? reason, Measurements? measured, IReadOnlyList<CheckResult> checks)
        {
            _timeline.Enqueue(new TimelineEvent(Math.Round(NowMs(), 1), "finished", status.ToString().ToLowerInvariant()));
            var report = Report(status, reason, measured, checks) with { EndedAt = time.GetUtcNow() };
            publish(report);
            return report;
        }

        private ExperimentReport Report(RunStatus status, string? reason, Measurements? measured, IReadOnlyList<CheckResult> checks) => new()
        {
            Id = id,
            Experiment = experiment.Name,
            Description = experiment.Description,
            Status = status,
            StartedAt = _startedAt,
            StopReason = reason,
            Measured = measured,
            Checks = checks,
            Timeline = [.. _timeline.OrderBy(e => e.AtMs)],
            PendingActions = status == RunStatus.Running ? pending() : [],
            Samples = status == RunStatus.Running ? [] : [.. Samples.OrderBy(s => s.AtMs)],
        };
    }
}

using System.Collections.Concurrent;
using HybridInference.ModelPipeline.State;
using HybridInference.ModelPipeline.Triggers;
using HybridInference.PredictionLog;
using HybridInference.Storage;
using HybridInference.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ModelPipeline.Tests.Triggers;

/// <summary>
/// The trigger on the real store (embedded Garnet) with a fake clock: scheduled and new-data runs, the state
/// surviving a restarted watcher (no second run for the same reason), two watchers racing for one run. The
/// run itself is recorded, not performed: the pipeline's runs have their own tests (Runs/).
/// </summary>
public sealed class PipelineTriggerTests(StoreBackends stores) : IClassFixture<StoreBackends>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentQueue<string> _launched = new();
    private RunStore _store = null!;
    private int _logged;

    // A generous command timeout: CI runs every test assembly at once on two cores, and a store command timing out
    // turns into a failed check, which shifts the checks this class counts (seen twice in CI rehearsals).
    public async Task InitializeAsync() => _store = await RunStore.ConnectAsync(stores.ConnectionString(StoreBackends.Garnet), _prefix, timeoutMs: 15_000);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private PipelineTrigger Trigger(TriggerOptions options) =>
        new(new TriggerStore(_store), options, (reason, _) =>
        {
            _launched.Enqueue(reason);
            return Task.FromResult($"run-{_launched.Count}");
        }, _clock, _ => Interlocked.Increment(ref _logged));

    [Fact]
    public async Task Schedule_RunsOncePerInterval_AndARestartedWatcherDoesNotRunAgain()
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromHours(1) };
        Assert.False((await Trigger(options).CheckAsync(CancellationToken.None)).Run);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False((await Trigger(options).CheckAsync(CancellationToken.None)).Run);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Trigger(options).CheckAsync(CancellationToken.None)).Run);

        // A new watcher (the process restarted) at the same moment: the store says the run happened.
        Assert.False((await Trigger(options).CheckAsync(CancellationToken.None)).Run);
        Assert.Single(_launched);
        var state = await new TriggerStore(_store).GetOrCreateAsync("fashion-edge", _clock.GetUtcNow());
        Assert.Equal(("run-1", _clock.GetUtcNow()), (state.RunId, state.Since));
        Assert.StartsWith("schedule: every 60 min", state.Reason, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await Trigger(options).CheckAsync(CancellationToken.None)).Run);
        Assert.Equal(2, _launched.Count);
    }

    [Fact]
    public async Task NewLabelledEscalations_TriggerARun_AndAreCountedAgainOnlyAfterIt()
    {
        var options = new TriggerOptions { NewLabelledRecords = 50 };
        var trigger = Trigger(options);
        Assert.False((await trigger.CheckAsync(CancellationToken.None)).Run);
        await using var connection = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = stores.ConnectionString(StoreBackends.Garnet), KeyPrefix = _prefix }), NullLogger<StoreConnection>.Instance);
        var predictions = new PredictionStore(connection);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await predictions.WriteAsync(Records(49, labelled: true, escalated: true));
        await predictions.WriteAsync(Records(100, labelled: false, escalated: true));
        await predictions.WriteAsync(Records(100, labelled: true, escalated: false));
        var waiting = await trigger.CheckAsync(CancellationToken.None);
        Assert.False(waiting.Run);
        Assert.Equal("49 of 50 labelled escalated requests", waiting.Reason);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await predictions.WriteAsync(Records(1, labelled: true, escalated: true));
        var run = await trigger.CheckAsync(CancellationToken.None);
        Assert.True(run.Run);
        Assert.StartsWith("new data: 50 labelled escalated requests since", run.Reason, StringComparison.Ordinal);

        // The 50 records belong to that run: the next one needs 50 new ones.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("0 of 50 labelled escalated requests", (await trigger.CheckAsync(CancellationToken.None)).Reason);
        Assert.Single(_launched);
    }

    [Fact]
    public async Task TwoWatchers_AtTheSameMoment_StartOneRun()
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromMinutes(5) };
        await Trigger(options).CheckAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Trigger(options).CheckAsync(CancellationToken.None)));

        Assert.Single(decisions, d => d.Run);
        Assert.Single(_launched);
    }

    [Fact]
    public async Task Watch_ChecksAtItsInterval_OnTheClock()
    {
        var options = new TriggerOptions { Schedule = TimeSpan.FromMinutes(2), CheckEvery = TimeSpan.FromMinutes(1) };
        using var stop = new CancellationTokenSource();
        var watching = Trigger(options).WatchAsync(stop.Token);

        // Each check logs one line (waiting, or the run it starts): the clock moves only after a check is done.
        for (var minute = 1; minute <= 4; minute++)
        {
            await ChecksAsync(minute);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await ChecksAsync(5);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.Equal(2, _launched.Count);
    }

    [Fact]
    public async Task Watch_ACheckThatFails_IsLogged_AndTheWatcherGoesOn()
    {
        var lines = new ConcurrentQueue<string>();
        var attempts = 0;
        var trigger = new PipelineTrigger(new TriggerStore(_store), new TriggerOptions { Schedule = TimeSpan.FromMinutes(1), CheckEvery = TimeSpan.FromMinutes(1) }, (reason, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("the run could not start") : Task.FromResult("run-2"), _clock, lines.Enqueue);
        using var stop = new CancellationTokenSource();
        var watching = trigger.WatchAsync(stop.Token);

        await UntilAsync(() => lines.Count >= 1);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await UntilAsync(() => lines.Any(l => l.Contains("check failed (InvalidOperationException: the run could not start)", StringComparison.Ordinal)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await UntilAsync(() => lines.Count >= 3);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await UntilAsync(() => Volatile.Read(ref attempts) >= 2);

        Assert.False(watching.IsCompleted, string.Join("\n", lines));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private async Task ChecksAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref _logged) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, Volatile.Read(ref _logged));
    }

    private IReadOnlyList<PredictionRecord> Records(int count, bool labelled, bool escalated) =>
        [.. Enumerable.Range(0, count).Select(i => new PredictionRecord
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Timestamp = _clock.GetUtcNow(),
            Model = "fashion",
            Tier = escalated ? "cloud" : "edge",
            EdgeClass = 1,
            EdgeConfidence = 0.5,
            CloudClass = escalated ? 2 : null,
            EscalationReason = escalated ? "low-confidence" : null,
            TotalLatencyMs = 5,
            Label = labelled ? i % 10 : null,
        })];
}

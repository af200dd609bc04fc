using HybridInference.ChaosLab.Experiments;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class SafetyMonitorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WatchAsync_ErrorsAboveTheLimit_StopsTheRunWithTheReason()
    {
        var run = Runs.Start(_time, []);
        for (var i = 0; i < 4; i++)
        {
            run.Samples.Enqueue(Runs.Sample(i, i * 10, i == 0 ? 200 : 503));
        }

        using var abort = new CancellationTokenSource();
        var watching = new SafetyMonitor(_time).WatchAsync(run, abort, CancellationToken.None);
        _time.Advance(SafetyMonitor.Period);
        await watching;

        Assert.True(abort.IsCancellationRequested);
        Assert.StartsWith("error rate 75.0 % (3 of 4 requests", run.StopReason, StringComparison.Ordinal);
        Assert.Contains(run.Timeline, e => e.Event == "safety stop");
    }

    [Fact]
    public async Task WatchAsync_HealthyTraffic_EndsWithTheTrafficAndStopsNothing()
    {
        var run = Runs.Start(_time, []);
        run.Samples.Enqueue(Runs.Sample(0, 0, 200));
        using var abort = new CancellationTokenSource();
        using var trafficDone = new CancellationTokenSource();

        var watching = new SafetyMonitor(_time).WatchAsync(run, abort, trafficDone.Token);
        _time.Advance(SafetyMonitor.Period);
        _time.Advance(SafetyMonitor.Period);
        await trafficDone.CancelAsync();
        await watching;

        Assert.False(abort.IsCancellationRequested);
        Assert.Null(run.StopReason);
    }
}

using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>Telemetry into the outbox each interval, and from it onto a stream oldest first, none lost when a send fails.</summary>
public sealed class TelemetryForwarderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private EdgeFactory _edge = null!;

    public async Task InitializeAsync()
    {
        // No registry: the agent itself collects nothing, so the test drives the forwarder alone.
        _edge = new EdgeFactory { Time = _clock };
        await _edge.InitializeAsync();
    }

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    private TelemetryForwarder Forwarder => _edge.Services.GetRequiredService<TelemetryForwarder>();

    private TelemetryOutbox Outbox => _edge.Services.GetRequiredService<TelemetryOutbox>();

    [Fact]
    public async Task SendBacklog_SendsOldestFirst_AndEmptiesTheOutbox()
    {
        Outbox.Add(new Telemetry { TimestampUnixMs = 1 });
        Outbox.Add(new Telemetry { TimestampUnixMs = 2 });
        List<long> sent = [];

        await Forwarder.SendBacklogAsync(message =>
        {
            sent.Add(message.Telemetry.TimestampUnixMs);
            return Task.CompletedTask;
        });

        Assert.Equal([1, 2], sent);
        Assert.Equal(0, Outbox.Count);
    }

    [Fact]
    public async Task SendBacklog_SendFails_TheUnsentMessagesStay()
    {
        Outbox.Add(new Telemetry { TimestampUnixMs = 1 });
        Outbox.Add(new Telemetry { TimestampUnixMs = 2 });
        var sends = 0;

        await Assert.ThrowsAsync<IOException>(() => Forwarder.SendBacklogAsync(_ => ++sends == 2 ? throw new IOException("stream broke") : Task.CompletedTask));

        Assert.True(Outbox.TryPeek(out var next));
        Assert.Equal(2, next.Message.TimestampUnixMs);
        Assert.Equal(1, Outbox.Count);
    }

    [Fact]
    public async Task Collect_AddsOneMessagePerInterval_StampedWithTheClock_AndFollowsANewInterval()
    {
        using var stop = new CancellationTokenSource();
        var forwarder = Forwarder;
        var collecting = forwarder.CollectAsync(stop.Token);

        _clock.Advance(forwarder.Interval);
        Assert.True(await EventuallyAsync(() => Outbox.Count == 1), "no message after one interval");
        forwarder.Interval = TimeSpan.FromSeconds(1);

        // The timer takes the new period at its next tick; from then on one message a second.
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await EventuallyAsync(() => Outbox.Count == 2), "no message after the second interval");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await EventuallyAsync(() => Outbox.Count == 3), "no message one second later");
        var first = Outbox.TryPeek(out var pending) ? pending.Message : null;

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collecting);
        Assert.NotNull(first);
        Assert.True(first.TimestampUnixMs > 0);
        Assert.Equal(10, first.ConfidenceHistogram.Count);
    }

    [Fact]
    public void Interval_NotPositive_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Forwarder.Interval = TimeSpan.Zero);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        return condition();
    }
}

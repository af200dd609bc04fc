using System.Threading.Channels;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// Desired states applied in turn and reported: one whose artifact cannot be fetched is tried again on the node's
/// clock, until a newer state supersedes it; a refused one is reported once.
/// </summary>
public sealed class DesiredStateFollowerTests
{
    [Fact]
    public async Task TransientFailure_IsTriedAgainOnTheClock_UntilANewerStateSupersedesIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var refused = new ReservedPort();
        refused.Dispose();
        await using var edge = new EdgeFactory { Time = clock };
        edge.Settings["Fleet:RegistryHttpAddress"] = $"http://127.0.0.1:{refused.Port}";
        edge.Settings["Fleet:ReconnectMinSeconds"] = "1";
        edge.Settings["Fleet:ReconnectMaxSeconds"] = "1";
        edge.Settings["Clients:fleet-registry:Resilience:MaxRetryAttempts"] = "0";
        await edge.InitializeAsync();
        var follower = edge.Services.GetRequiredService<DesiredStateFollower>();
        var states = Channel.CreateUnbounded<DesiredState>();
        var reports = Channel.CreateUnbounded<StateReport>();
        using var session = new CancellationTokenSource();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var following = follower.FollowAsync(states.Reader, m => reports.Writer.WriteAsync(m.Report).AsTask(), session);
        states.Writer.TryWrite(Desired(1, "fashion-edge"));
        var first = await reports.Reader.ReadAsync(timeout.Token);

        // The retry waits on the node's clock: nothing more comes until it moves.
        StateReport? second = null;
        while (second is null && !timeout.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
            reports.Reader.TryRead(out second);
        }

        // A newer state ends the wait without the clock moving; it is refused (another model) and not retried.
        states.Writer.TryWrite(Desired(2, "mobilenet"));
        List<StateReport> later = [];
        while (later.Count == 0 || later[^1].Generation != 2)
        {
            later.Add(await reports.Reader.ReadAsync(timeout.Token));
        }

        states.Writer.TryComplete();
        await following;

        Assert.Equal((1L, ApplyOutcome.Failed), (first.Generation, first.Status));
        Assert.NotNull(second);
        Assert.Equal((1L, ApplyOutcome.Failed), (second.Generation, second.Status));
        Assert.All(later[..^1], r => Assert.Equal(1L, r.Generation));
        Assert.Equal(ApplyOutcome.Failed, later[^1].Status);
        Assert.Contains("cannot replace it", later[^1].Detail, StringComparison.Ordinal);
        Assert.False(reports.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ReportFails_EndsTheSession()
    {
        await using var edge = new EdgeFactory();
        await edge.InitializeAsync();
        var follower = edge.Services.GetRequiredService<DesiredStateFollower>();
        var states = Channel.CreateUnbounded<DesiredState>();
        using var session = new CancellationTokenSource();
        states.Writer.TryWrite(Desired(1, "mobilenet"));

        await Assert.ThrowsAsync<IOException>(() => follower.FollowAsync(states.Reader, _ => throw new IOException("stream broke"), session));

        Assert.True(session.IsCancellationRequested);
    }

    private static DesiredState Desired(long generation, string model) =>
        new() { Generation = generation, ModelName = model, ModelVersion = 9, Digest = "sha256:" + new string('d', 64), SizeBytes = 10 };
}

using System.Text.Json;
using HybridInference.ChaosLab.Experiments;
using HybridInference.Contracts.Rollouts;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.ChaosLab.Tests.Experiments;

/// <summary>
/// The watch against a registry stand-in that answers <c>GET /api/rollouts/{id}</c> with the registry's own
/// contract JSON: first a canary step, then a rollback that lists no canary any more, then a 503 under fault.
/// </summary>
public sealed class RolloutWatchTests : IAsyncLifetime
{
    private const string Id = "fashion-edge-20261128120000-abc123";
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly Queue<IResult> _answers = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = LoopbackApp.CreateBuilder().Build();
        _app.MapGet("/api/rollouts/{id}", (string id) => id == Id && _answers.TryDequeue(out var answer) ? answer : Results.Problem(statusCode: 404));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = LoopbackApp.Address(_app) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ReadOnceAsync_StepThenFaultThenRollback_RecordsEachChangeAndKeepsEveryCanary()
    {
        _answers.Enqueue(Answer(Rollout(RolloutPhase.Progressing, 25, ["edge-2"], new(T0, "started", "canary 25 %", "alice", 25))));
        _answers.Enqueue(Results.Problem(detail: "the store is down", statusCode: 503));
        _answers.Enqueue(Answer(Rollout(RolloutPhase.RolledBack, 0, [], new(T0.AddMinutes(2), "rolled-back", "2 failed analyses", "controller", 0)) with { FinishedAt = T0.AddMinutes(2) }));
        List<RolloutChange> seen = [];
        var watch = new RolloutWatch(_http, Id, () => 1234.56, at => (at - T0).TotalMilliseconds, seen.Add);

        Assert.False(await watch.ReadOnceAsync(default));
        Assert.False(await watch.ReadOnceAsync(default));
        Assert.True(await watch.ReadOnceAsync(default));

        var trace = watch.Trace();
        Assert.Equal(("fashion-edge", 2, "fashion-edge:2"), (trace.Model, trace.Candidate, trace.CandidateVersion));
        Assert.Equal(new[] { "edge-2" }, trace.CanaryDevices.Order());
        Assert.Equal(seen, trace.Changes);
        Assert.Equal(new RolloutChange(1234.6, Id, "progressing", 25, ["edge-2"], "progressing at 25 % (canary edge-2): canary 25 %"), trace.Changes[0], ChangeComparer.Instance);
        Assert.Equal(new RolloutChange(120_000, Id, "rolled-back", 0, [], "rolled-back at 0 % (canary none): 2 failed analyses"), trace.Changes[1], ChangeComparer.Instance);
    }

    [Fact]
    public async Task ReadOnceAsync_RegistryDown_IsASkippedRead()
    {
        using var closed = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{closed.Port}") };
        var watch = new RolloutWatch(http, Id, () => 0, _ => 0, _ => { });

        Assert.False(await watch.ReadOnceAsync(default));
        Assert.False(watch.Trace().Seen);
    }

    private static IResult Answer(Rollout rollout) =>
        Results.Text(JsonSerializer.Serialize(rollout, RolloutsJsonContext.Default.Rollout), "application/json");

    private static Rollout Rollout(RolloutPhase phase, int weight, string[] canaries, RolloutEvent last) => new()
    {
        Id = Id,
        Spec = new RolloutSpec { Model = "fashion-edge", CandidateVersion = 2 },
        Model = "fashion-edge",
        Candidate = 2,
        Stable = 1,
        Phase = phase,
        Weight = weight,
        CanaryDevices = canaries,
        StartedAt = T0,
        StepStartedAt = T0,
        StartedBy = "alice",
        Events = [last],
    };

    private sealed class ChangeComparer : IEqualityComparer<RolloutChange>
    {
        public static ChangeComparer Instance { get; } = new();

        public bool Equals(RolloutChange? x, RolloutChange? y) =>
            x is not null && y is not null && x with { CanaryDevices = [] } == y with { CanaryDevices = [] } && x.CanaryDevices.SequenceEqual(y.CanaryDevices);

        public int GetHashCode(RolloutChange obj) => obj.Rollout.GetHashCode(StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Clients.Resilience;
using HybridInference.Clients.Rollouts;
using HybridInference.Contracts.Rollouts;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Tests.Rollouts;

public sealed class RolloutsClientTests(RegistryServer registry) : IClassFixture<RegistryServer>
{
    // One step at 100 % needs no devices (it is a promotion at once); the stable version is named because a promotion
    // moves the champion alias to the candidate.
    private static readonly RolloutSpec Spec = new() { Model = "fashion-edge", CandidateVersion = 2, StableVersion = 1, Steps = [100], IntervalSeconds = 3600, Reason = "client test" };

    [Fact]
    public async Task Commands_AgainstTheRegistry_ReturnEachNewState()
    {
        using var http = registry.Http();
        var client = new RolloutsClient(http);
        var stored = await registry.StoreProgressingAsync();
        Assert.Equal(stored, await client.GetAsync(stored.Id), RolloutComparer.Instance);
        Assert.Contains(await client.ListAsync(), r => r.Id == stored.Id);

        var paused = await client.PauseAsync(stored.Id, "bob", "looking at the plots");
        Assert.Equal(RolloutPhase.Paused, paused.Phase);
        Assert.Equal(("paused", "looking at the plots", "operator"), (paused.Events[^1].Kind, paused.Events[^1].Message, paused.Events[^1].Actor));
        Assert.Equal(RolloutPhase.Progressing, (await client.ResumeAsync(stored.Id, "bob")).Phase);
        var aborted = await client.AbortAsync(stored.Id, "carol", "wrong candidate");
        Assert.Equal(RolloutPhase.RolledBack, aborted.Phase);
        Assert.True(aborted.IsFinished);
        Assert.Equal("operator", aborted.Events[^1].Actor);

        var again = await registry.StoreProgressingAsync();
        var promoted = await client.PromoteAsync(again.Id, "dave");
        Assert.Equal((RolloutPhase.Promoted, 100, "operator"), (promoted.Phase, promoted.Weight, promoted.Events[^1].Actor));
        var conflict = await Assert.ThrowsAsync<ApiException>(() => client.PauseAsync(again.Id, "dave"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal($"rollout {again.Id} is promoted, only a progressing rollout can be paused", conflict.Detail);
    }

    [Fact]
    public async Task StartAsync_OneStepAt100_StartsAndPromotesAtOnce()
    {
        using var http = registry.Http();
        var client = new RolloutsClient(http);

        var started = await client.StartAsync(Spec, "alice");

        Assert.Equal(("fashion-edge", 2, 1, RolloutPhase.Promoted, "operator"), (started.Model, started.Candidate, started.Stable, started.Phase, started.StartedBy));
        Assert.Equal(new[] { 100 }, started.Spec.Steps);
        Assert.Equal("client test", started.Spec.Reason);
        Assert.Equal(started, await client.GetAsync(started.Id), RolloutComparer.Instance);
    }

    [Fact]
    public async Task GetAsync_UnknownRollout_ThrowsTheRegistrysNotFoundProblem()
    {
        using var http = registry.Http();

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RolloutsClient(http).GetAsync("no-such-rollout"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("rollout 'no-such-rollout' does not exist", ex.Detail);
    }

    [Fact]
    public async Task PauseAsync_UnknownRollout_ThrowsNotFound_SoTheActorHeaderWasRead()
    {
        using var http = registry.Http();

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RolloutsClient(http).PauseAsync("no-such-rollout", "alice"));

        // Without the actor the registry would have answered 400 "actor is required" before looking the rollout up.
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task ListAsync_CountOutOfRange_ThrowsTheRegistrysBadRequest()
    {
        using var http = registry.Http();

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RolloutsClient(http).ListAsync(count: 0));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("count must be between 1 and 200, got 0", ex.Detail);
    }

    [Fact]
    public async Task StartAsync_InvalidSpec_ThrowsBadRequestNamingTheField()
    {
        using var http = registry.Http();

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RolloutsClient(http).StartAsync(Spec with { Steps = [50] }, "alice"));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("the last step must be 100 (the promotion), was 50", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RegistryDown_ThrowsUnreachable()
    {
        using var closed = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{closed.Port}") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RolloutsClient(http).GetAsync("any"));

        Assert.True(ex.Unreachable);
        Assert.Equal("registry", ex.Service);
    }

    [Fact]
    public async Task GetAsync_ReadsEveryFieldTheRegistryWrites()
    {
        using var http = registry.Http();
        var client = new RolloutsClient(http);
        var stored = await registry.StoreProgressingAsync();
        var id = (await client.AbortAsync(stored.Id, "alice", "read back")).Id;

        var written = JsonNode.Parse(await http.GetStringAsync($"/api/rollouts/{id}"));
        var read = await client.GetAsync(id);

        Assert.True(JsonNode.DeepEquals(written, JsonSerializer.SerializeToNode(read, RolloutsJsonContext.Default.Rollout)), written?.ToJsonString());
    }

    [Fact]
    public void AddRolloutsClient_Defaults_FiveSecondsAndNoRetry()
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddRolloutsClient((_, http) => http.BaseAddress = new Uri("http://registry"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ClientResilienceOptions>>().Get(RolloutsClientExtensions.PipelineName);

        Assert.NotNull(provider.GetRequiredService<RolloutsClient>());
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0), (options.TotalTimeout, options.AttemptTimeout, options.MaxRetryAttempts));
    }

    /// <summary>Rollouts compared by their JSON: the record's lists compare by reference.</summary>
    private sealed class RolloutComparer : IEqualityComparer<Rollout>
    {
        public static RolloutComparer Instance { get; } = new();

        public bool Equals(Rollout? x, Rollout? y) =>
            JsonNode.DeepEquals(JsonSerializer.SerializeToNode(x!, RolloutsJsonContext.Default.Rollout), JsonSerializer.SerializeToNode(y!, RolloutsJsonContext.Default.Rollout));

        public int GetHashCode(Rollout obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}

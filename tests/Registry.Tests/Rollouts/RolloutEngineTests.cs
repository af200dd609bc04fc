using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.State;
using Microsoft.Extensions.DependencyInjection;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// Rollouts through the real registry, fleet manager and store, judged on prediction records as the
/// router writes them; the fake clock brings each analysis, the engine's tick runs it.
/// </summary>
public sealed class RolloutEngineTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    private static readonly object Spec = new
    {
        model = "fashion-edge",
        candidateVersion = 2,
        steps = new[] { 25, 50, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        failureLimit = 2,
    };

    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task GoodCandidate_StepsUp_AndIsPromoted_WithChampionMoved(string store)
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(store), devices: 4);
        var started = await StartAsync(fleet, Spec);
        Assert.Equal(25, started.Weight);
        Assert.Single(started.CanaryDevices);
        Assert.Equal(2, await fleet.AliasAsync("challenger"));
        var desired = await fleet.DesiredAsync();
        Assert.Equal(2, desired[started.CanaryDevices[0]]);
        Assert.All(fleet.Devices.Except(started.CanaryDevices), d => Assert.Null(desired[d]));

        await TrafficAsync(fleet, started, canaryAccuracy: 0.9, controlAccuracy: 0.9);
        var step2 = await AnalyseAsync(fleet, started.Id);
        Assert.Equal(50, step2.Weight);
        Assert.Equal(2, step2.CanaryDevices.Count);
        Assert.Contains(started.CanaryDevices[0], step2.CanaryDevices);
        Assert.Equal(Verdict.Successful, step2.Analyses[^1].Verdict);

        await TrafficAsync(fleet, step2, canaryAccuracy: 0.9, controlAccuracy: 0.89);
        var promoted = await AnalyseAsync(fleet, started.Id);

        Assert.Equal(RolloutPhase.Promoted, promoted.Phase);
        Assert.Equal(100, promoted.Weight);
        Assert.All((await fleet.DesiredAsync()).Values, v => Assert.Equal(2, v));
        Assert.Equal(2, await fleet.AliasAsync("champion"));
        Assert.Null(await fleet.AliasAsync("challenger"));
        Assert.Equal(["started", "step", "promoted"], promoted.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task BadCandidate_IsRolledBack_AtTheFailureLimit_AndControlNeverChanges()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4);
        var started = await StartAsync(fleet, Spec);

        await TrafficAsync(fleet, started, canaryAccuracy: 0.1, controlAccuracy: 0.9);
        var first = await AnalyseAsync(fleet, started.Id);
        Assert.Equal(RolloutPhase.Progressing, first.Phase);
        Assert.Equal(1, first.FailedAnalyses);
        var accuracy = first.Analyses[^1].Metrics.Single(m => m.Name == "accuracy");
        Assert.Equal(Verdict.Failed, accuracy.Verdict);
        Assert.Equal(10, accuracy.CanaryValue!.Value, 3);
        Assert.Equal(90, accuracy.ControlValue!.Value, 3);
        Assert.True(accuracy.PValue < 0.05);

        await TrafficAsync(fleet, started, canaryAccuracy: 0.1, controlAccuracy: 0.9);
        var rolledBack = await AnalyseAsync(fleet, started.Id);

        Assert.Equal(RolloutPhase.RolledBack, rolledBack.Phase);
        Assert.Equal(0, rolledBack.Weight);
        var desired = await fleet.DesiredAsync();
        Assert.Equal(1, desired[started.CanaryDevices[0]]);
        Assert.All(fleet.Devices.Except(started.CanaryDevices), d => Assert.Null(desired[d]));
        Assert.Null(await fleet.AliasAsync("challenger"));
        Assert.Contains("failure limit 2", rolledBack.Events[^1].Message, StringComparison.Ordinal);

        // A finished rollout frees the model for the next one.
        using var again = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task NoTraffic_IsInconclusive_AndNeverPasses()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 3);
        var started = await StartAsync(fleet, Spec);

        for (var i = 0; i < 3; i++)
        {
            await fleet.RecordAsync(started.CanaryDevices[0], 2, count: 5, accuracy: 0.9);
            var rollout = await AnalyseAsync(fleet, started.Id);
            Assert.Equal(25, rollout.Weight);
            Assert.Equal(Verdict.Inconclusive, rollout.Analyses[^1].Verdict);
            Assert.Contains("too few samples", rollout.Analyses[^1].Metrics[0].Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TooLongWithoutAVerdict_RollsBack_AtTheInconclusiveLimit()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 3);
        var started = await StartAsync(fleet, new { model = "fashion-edge", candidateVersion = 2, steps = new[] { 25, 100 }, intervalSeconds = 10, minSamples = 40, inconclusiveLimit = 3 });

        var first = await AnalyseAsync(fleet, started.Id);
        var second = await AnalyseAsync(fleet, started.Id);
        var rolledBack = await AnalyseAsync(fleet, started.Id);

        Assert.Equal((RolloutPhase.Progressing, 1), (first.Phase, first.InconclusiveInARow));
        Assert.Equal((RolloutPhase.Progressing, 2), (second.Phase, second.InconclusiveInARow));
        Assert.Equal(RolloutPhase.RolledBack, rolledBack.Phase);
        Assert.Contains("3 inconclusive analyses in a row", rolledBack.Events[^1].Message, StringComparison.Ordinal);
        Assert.Contains("too few samples", rolledBack.Events[^1].Message, StringComparison.Ordinal);
        Assert.Equal(1, (await fleet.DesiredAsync())[started.CanaryDevices[0]]);
    }

    [Fact]
    public async Task AbortNow_PutsCanariesBack_AndPauseStopsAnalyses()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4);
        var started = await StartAsync(fleet, Spec);

        var paused = await CommandAsync(fleet, started.Id, "pause", HttpStatusCode.OK);
        Assert.Equal("paused", paused.GetProperty("phase").GetString());
        await TrafficAsync(fleet, started, canaryAccuracy: 0.9, controlAccuracy: 0.9);
        Assert.Empty((await AnalyseAsync(fleet, started.Id)).Analyses);
        await CommandAsync(fleet, started.Id, "pause", HttpStatusCode.Conflict);
        Assert.Equal("progressing", (await CommandAsync(fleet, started.Id, "resume", HttpStatusCode.OK)).GetProperty("phase").GetString());

        var aborted = await CommandAsync(fleet, started.Id, "abort", HttpStatusCode.OK);

        Assert.Equal("rolled-back", aborted.GetProperty("phase").GetString());
        Assert.Equal(1, (await fleet.DesiredAsync())[started.CanaryDevices[0]]);
        await CommandAsync(fleet, started.Id, "promote", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PromoteNow_MovesEveryDevice()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 3);
        var started = await StartAsync(fleet, Spec);

        var promoted = await CommandAsync(fleet, started.Id, "promote", HttpStatusCode.OK);

        Assert.Equal("promoted", promoted.GetProperty("phase").GetString());
        Assert.All((await fleet.DesiredAsync()).Values, v => Assert.Equal(2, v));
        Assert.Equal(2, await fleet.AliasAsync("champion"));
    }

    [Fact]
    public async Task RegistryRestartedMidRollout_ResumesWhereItWas()
    {
        var store = stores.ConnectionString(StoreBackends.Garnet);
        var fleet = await RolloutFleet.StartAsync(store, devices: 4);
        var started = await StartAsync(fleet, Spec);
        await TrafficAsync(fleet, started, canaryAccuracy: 0.9, controlAccuracy: 0.9);
        await fleet.DisposeAsync();

        // Another registry process over the same store: it owns no lease until the old one's expires.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var restarted = RolloutFleet.Create(store, fleet.Prefix, fleet.Artifacts, fleet.Clock);
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        var rollout = await restarted.Services.GetRequiredService<RolloutEngine>().TickAsync(started.Id, CancellationToken.None);

        Assert.Equal(50, rollout.Weight);
        Assert.Equal(started.CanaryDevices[0], rollout.CanaryDevices[0]);
    }

    [Fact]
    public async Task SecondRolloutOfAModel_IsRefused409()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);
        var started = await StartAsync(fleet, Spec);

        using var second = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(started.Id, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string> BadSpecs() => new()
    {
        { """{"model": "fashion-edge", "candidateVersion": 2, "steps": [5, 150]}""", HttpStatusCode.BadRequest, "steps[1]" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "steps": [50, 25, 100]}""", HttpStatusCode.BadRequest, "must increase" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "steps": [5, 50]}""", HttpStatusCode.BadRequest, "last step must be 100" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "steps": [0, 100]}""", HttpStatusCode.BadRequest, "steps[0]" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "metrics": [{"name": "happiness", "threshold": 1}]}""", HttpStatusCode.BadRequest, "metrics[0].name" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "metrics": [{"name": "accuracy"}]}""", HttpStatusCode.BadRequest, "threshold' is required" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "metrics": []}""", HttpStatusCode.BadRequest, "at least one check" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "failureLimt": 3}""", HttpStatusCode.BadRequest, "failureLimt" },
        { """{"model": "fashion-edge"}""", HttpStatusCode.BadRequest, "exactly one of 'candidateVersion' and 'candidateAlias'" },
        { """{"model": "fashion-edge", "candidateVersion": 1}""", HttpStatusCode.BadRequest, "nothing to roll out" },
        { """{"model": "fashion-edge", "candidateVersion": 9}""", HttpStatusCode.NotFound, "candidate version 9" },
        { """{"model": "fashion-edge", "candidateAlias": "nobody"}""", HttpStatusCode.NotFound, "alias 'nobody'" },
        { """{"model": "../etc", "candidateVersion": 2}""", HttpStatusCode.BadRequest, "'model' must be" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "webhooks": [{"name": "a", "type": "later", "url": "ftp://x"}]}""", HttpStatusCode.BadRequest, "webhooks[0].type" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "intervalSeconds": 0}""", HttpStatusCode.BadRequest, "'intervalSeconds'" },
        { """{"model": "fashion-edge", "candidateVersion": 2, "alpha": 2}""", HttpStatusCode.BadRequest, "'alpha'" },
        { """{"model": """, HttpStatusCode.BadRequest, "not a valid rollout spec" },
        { "null", HttpStatusCode.BadRequest, "the body is empty" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task BadSpec_IsRefused_NamingTheProblem_AndNothingStarts(string body, HttpStatusCode status, string expected)
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);

        using var response = await fleet.Http.PostAsync("/api/rollouts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await fleet.Http.GetFromJsonAsync<JsonElement[]>("/api/rollouts") ?? []);
        Assert.All((await fleet.DesiredAsync()).Values, v => Assert.Null(v));
    }

    [Fact]
    public async Task BadRequests_OnCommandsAndReads()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);
        using var anonymous = fleet.Registry.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using var noActor = await anonymous.PostAsJsonAsync("/api/rollouts", Spec);
        using var unknown = await fleet.Http.GetAsync("/api/rollouts/nope");
        using var unknownCommand = await fleet.Http.PostAsync("/api/rollouts/nope/abort", null);
        using var badCount = await fleet.Http.GetAsync("/api/rollouts?count=0");
        using var notJson = await fleet.Http.PostAsync("/api/rollouts", new StringContent("model=x"));

        Assert.Equal(HttpStatusCode.Unauthorized, noActor.StatusCode);
        Assert.Contains("Authorization: Bearer", await noActor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCommand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    private static async Task<Rollout> StartAsync(RolloutFleet fleet, object spec)
    {
        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", spec);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<Rollout>(text, RolloutStore.Json)!;
    }

    /// <summary>One interval of traffic: 60 labelled requests per device, canaries on v2, the rest on v1.</summary>
    private static async Task TrafficAsync(RolloutFleet fleet, Rollout rollout, double canaryAccuracy, double controlAccuracy)
    {
        foreach (var device in fleet.Devices)
        {
            var canary = rollout.CanaryDevices.Contains(device);
            await fleet.RecordAsync(device, canary ? 2 : 1, count: 60, accuracy: canary ? canaryAccuracy : controlAccuracy);
        }
    }

    private static async Task<Rollout> AnalyseAsync(RolloutFleet fleet, string id)
    {
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        return await fleet.Engine.TickAsync(id, CancellationToken.None);
    }

    private static async Task<JsonElement> CommandAsync(RolloutFleet fleet, string id, string command, HttpStatusCode expected)
    {
        using var response = await fleet.Http.PostAsJsonAsync($"/api/rollouts/{id}/{command}", new { reason = "test" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{command}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Clients.Rollouts;
using HybridInference.Contracts.Rollouts;
using HybridInference.PredictionLog;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// Rollouts of a cloud model through the real registry and store on a fake clock: the canary is a share of the
/// route's cloud calls, set as the router's per-version weights (a recording peer in the router's and the
/// cloud's places), judged on prediction records split by the cloud version that answered.
/// </summary>
public sealed class CloudRolloutEngineTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    private static readonly object Spec = new
    {
        model = "fashion-cloud",
        candidateVersion = 2,
        steps = new[] { 5, 25, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        failureLimit = 2,
    };

    [Fact]
    public async Task GoodCandidate_WaitsForTheCloud_ThenStepsTheRoutersWeights_AndIsPromoted()
    {
        await using var cloud = await CloudStandIn.StartAsync();
        await using var fleet = await StartAsync(cloud);

        var started = await StartAsync(fleet, Spec);
        Assert.Equal("fashion", started.CloudRoute);
        Assert.Empty(started.CanaryDevices);
        Assert.False(started.CloudServing);
        Assert.Equal(W(100, 0), cloud.Last);
        Assert.Equal(2, await fleet.AliasAsync("challenger", "fashion-cloud"));

        // The cloud loads the challenger: the next tick gives it its 5 % and starts the step's window there.
        cloud.Served["2"] = true;
        fleet.Clock.Advance(TimeSpan.FromSeconds(3));
        var serving = await fleet.Engine.TickAsync(started.Id, CancellationToken.None);
        Assert.True(serving.CloudServing);
        Assert.Equal(W(95, 5), cloud.Last);
        Assert.Equal(fleet.Clock.GetUtcNow(), serving.StepStartedAt);

        await RecordAsync(fleet, candidateAccuracy: 0.9, stableAccuracy: 0.9);
        var step2 = await AnalyseAsync(fleet, started.Id);
        Assert.Equal(Verdict.Successful, step2.Analyses[^1].Verdict);
        Assert.Equal(25, step2.Weight);
        Assert.Equal(W(75, 25), cloud.Last);
        Assert.Equal(["accuracy", "mean_confidence", "latency_p95"], step2.Analyses[^1].Metrics.Select(m => m.Name));

        await RecordAsync(fleet, candidateAccuracy: 0.9, stableAccuracy: 0.88);
        var promoted = await AnalyseAsync(fleet, started.Id);

        Assert.Equal(RolloutPhase.Promoted, promoted.Phase);
        Assert.Equal(W(0, 100), cloud.Last);
        Assert.Equal(2, await fleet.AliasAsync("champion", "fashion-cloud"));
        Assert.Null(await fleet.AliasAsync("challenger", "fashion-cloud"));
        Assert.Equal(["started", "cloud-waiting", "cloud-serving", "step", "promoted"], promoted.Events.Select(e => e.Kind));

        // The edge fleet is another model's: untouched.
        Assert.Equal(1, await fleet.AliasAsync("champion"));
        Assert.All((await fleet.DesiredAsync()).Values, v => Assert.Null(v));
    }

    [Fact]
    public async Task BadCandidate_IsRolledBack_WeightZero_AndTheChallengerAliasRemoved()
    {
        await using var cloud = await CloudStandIn.StartAsync();
        cloud.Served["2"] = true;
        await using var fleet = await StartAsync(cloud);
        var started = await StartAsync(fleet, Spec);
        Assert.Equal(W(95, 5), cloud.Last);

        await RecordAsync(fleet, candidateAccuracy: 0.5, stableAccuracy: 0.9);
        var once = await AnalyseAsync(fleet, started.Id);
        Assert.Equal(Verdict.Failed, once.Analyses[^1].Verdict);
        Assert.Equal(W(95, 5), cloud.Last);

        await RecordAsync(fleet, candidateAccuracy: 0.5, stableAccuracy: 0.9);
        var rolledBack = await AnalyseAsync(fleet, started.Id);

        Assert.Equal(RolloutPhase.RolledBack, rolledBack.Phase);
        Assert.Equal(W(100, 0), cloud.Last);
        Assert.Null(await fleet.AliasAsync("challenger", "fashion-cloud"));
        Assert.Contains("route fashion's cloud calls back on v1, v2 at weight 0", rolledBack.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_KeepsSettingTheStepsWeights_SoARestartedRouterGetsThemBack_WithoutAnalysing()
    {
        await using var cloud = await CloudStandIn.StartAsync();
        cloud.Served["2"] = true;
        await using var fleet = await StartAsync(cloud);
        var started = await StartAsync(fleet, Spec);
        using var pause = await fleet.Http.PostAsJsonAsync($"/api/rollouts/{started.Id}/pause", new { reason = "looking" });
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);

        // A restarted router holds no weights: the next tick of the paused rollout sets them again.
        cloud.Puts.Clear();
        await RecordAsync(fleet, candidateAccuracy: 0.5, stableAccuracy: 0.9);
        fleet.Clock.Advance(TimeSpan.FromSeconds(30));
        var ticked = await fleet.Engine.TickAsync(started.Id, CancellationToken.None);

        Assert.Equal(W(95, 5), cloud.Last);
        Assert.Equal(RolloutPhase.Paused, ticked.Phase);
        Assert.Empty(ticked.Analyses);
    }

    [Fact]
    public async Task AbortNow_PutsEveryCloudCallBackOnTheStableVersion()
    {
        await using var cloud = await CloudStandIn.StartAsync();
        cloud.Served["2"] = true;
        await using var fleet = await StartAsync(cloud);
        var started = await StartAsync(fleet, Spec);

        using var response = await fleet.Http.PostAsJsonAsync($"/api/rollouts/{started.Id}/abort", new { reason = "paging" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(W(100, 0), cloud.Last);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(new[] { 5, 25, 100 }, 10, "looking")]
    public async Task AStartRequestOfTheChosenFieldsOnly_GetsTheCloudMetricChecks(int[]? steps, int? intervalSeconds, string? reason)
    {
        await using var cloud = await CloudStandIn.StartAsync();
        await using var fleet = await StartAsync(cloud);
        var rollouts = new RolloutsClient(fleet.Http);

        // What the pipeline sends (model and candidate), and what hi rollouts start sends with its options given.
        var started = await rollouts.StartAsync(
            new RolloutStartRequest { Model = "fashion-cloud", CandidateVersion = 2, Steps = steps, IntervalSeconds = intervalSeconds, Reason = reason },
            "rollout-test");

        Assert.Equal(CloudModels.DefaultMetrics, started.Spec.Metrics);
        Assert.Equal(CloudModels.DefaultMetrics, (await rollouts.GetAsync(started.Id)).Spec.Metrics);
        Assert.Equal(steps ?? [5, 25, 50, 100], started.Spec.Steps);
        Assert.Equal(intervalSeconds ?? 60, started.Spec.IntervalSeconds);
    }

    [Theory]
    [InlineData("escalation_rate", "metric 'escalation_rate' cannot judge cloud model 'fashion-cloud': escalation is decided on the edge")]
    [InlineData("error_rate", "metric 'error_rate' cannot judge cloud model 'fashion-cloud': a cloud call that fails does not say which version")]
    public async Task MetricsThatCannotBeSplitByVersion_Are400(string metric, string expected)
    {
        await using var cloud = await CloudStandIn.StartAsync();
        await using var fleet = await StartAsync(cloud);
        var spec = new { model = "fashion-cloud", candidateVersion = 2, metrics = new[] { new { name = metric, threshold = 1.0 } } };

        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", spec);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(cloud.Puts);
    }

    [Fact]
    public async Task NoRouter_Is409_SayingWhichSettingIsMissing()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString("garnet"), devices: 2, settings: new Dictionary<string, string> { ["CloudTraffic:RouterAddress"] = "" });
        await RegisterCloudCandidateAsync(fleet);

        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no router is configured (CloudTraffic:RouterAddress)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<RolloutFleet> StartAsync(CloudStandIn cloud)
    {
        var fleet = await RolloutFleet.StartAsync(stores.ConnectionString("garnet"), devices: 2, settings: new Dictionary<string, string>
        {
            ["CloudTraffic:RouterAddress"] = cloud.Address,
            ["CloudTraffic:CloudAddress"] = cloud.Address,
        });
        await RegisterCloudCandidateAsync(fleet);
        return fleet;
    }

    /// <summary>The edge network's bytes as fashion-cloud version 2: real, valid, with the same signature.</summary>
    private static async Task RegisterCloudCandidateAsync(RolloutFleet fleet)
    {
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", "fashion-edge", "1", "model-card.json")))!.AsObject();
        card["name"] = "fashion-cloud";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", "fashion-edge", "1", "model.onnx"))), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("rollout-test"), "actor" },
        };
        using var response = await fleet.Http.PostAsync("/api/models/fashion-cloud/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.TryGetProperty("version", out var version) && version.GetInt32() == 2, body.ToString());
    }

    private static async Task<Rollout> StartAsync(RolloutFleet fleet, object spec)
    {
        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", spec);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<Rollout>(text, RolloutStore.Json)!;
    }

    private static async Task<Rollout> AnalyseAsync(RolloutFleet fleet, string id)
    {
        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        return await fleet.Engine.TickAsync(id, CancellationToken.None);
    }

    /// <summary>One interval of escalated traffic as the router records it: 60 answers by each cloud version, whatever edge device escalated.</summary>
    private static async Task RecordAsync(RolloutFleet fleet, double candidateAccuracy, double stableAccuracy)
    {
        List<PredictionRecord> records = [];
        foreach (var (version, accuracy) in new[] { (2, candidateAccuracy), (1, stableAccuracy) })
        {
            for (var i = 0; i < 60; i++)
            {
                var label = i % 10;
                records.Add(new PredictionRecord
                {
                    RequestId = Guid.NewGuid().ToString("N"),
                    Timestamp = fleet.Clock.GetUtcNow(),
                    Model = "fashion",
                    Tier = "cloud",
                    Device = fleet.Devices[i % fleet.Devices.Count],
                    EdgeVersion = "1",
                    EdgeClass = (label + 3) % 10,
                    EdgeConfidence = 0.5,
                    EscalationReason = "low-confidence",
                    CloudVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CloudClass = i < 60 * accuracy ? label : (label + 1) % 10,
                    CloudConfidence = 0.9 + (0.01 * (i % 5)),
                    CloudLatencyMs = 30 + (0.5 * (i % 7)),
                    TotalLatencyMs = 40,
                    Label = label,
                });
            }
        }

        await fleet.Registry.Services.GetRequiredService<PredictionStore>().WriteAsync(records);
    }

    private static Dictionary<string, double> W(double stable, double candidate) => new() { ["1"] = stable, ["2"] = candidate };
}

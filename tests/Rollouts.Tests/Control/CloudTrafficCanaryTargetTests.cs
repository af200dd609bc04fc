using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Spec;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Rollouts.Tests.Control;

public class CloudTrafficCanaryTargetTests
{
    private readonly FakeTimeProvider _clock = new(TestRollouts.Start);
    private readonly FakeCloudTraffic _cloud = new();

    [Fact]
    public void RollsOut_CloudModels_AndOwnsRolloutsWithACloudRoute_KeepingAPausedStep()
    {
        var target = Target();

        Assert.True(target.RollsOut("fashion-cloud"));
        Assert.False(target.RollsOut("fashion-edge"));
        Assert.False(target.RollsOut("-cloud"));
        Assert.True(target.Owns(TestRollouts.Cloud(5)));
        Assert.False(target.Owns(TestRollouts.Edge(25)));
        Assert.True(target.KeepsPausedStep);
    }

    [Fact]
    public async Task PlanAsync_TheDefaultChecksBecomeTheCloudChecks_TheRouteIsConfirmed_NoDevices()
    {
        var plan = await Target().PlanAsync(new RolloutSpec { Model = "fashion-cloud" }, "fashion-cloud", 5, CancellationToken.None);

        Assert.Equal(CloudModels.DefaultMetrics, plan.Spec.Metrics);
        Assert.Equal("fashion", plan.CloudRoute);
        Assert.Empty(plan.CanaryDevices);
        Assert.Equal([("fashion", "fashion-cloud")], _cloud.Ensured);
        Assert.Empty(_cloud.Weights);
    }

    [Fact]
    public async Task PlanAsync_ACheckThatCannotBeSplitByVersion_IsABadRequestNamingIt()
    {
        var spec = new RolloutSpec { Metrics = [new(MetricNames.Accuracy, 2), new(MetricNames.ErrorRate, 1)] };

        var refused = await Assert.ThrowsAsync<RolloutException>(() => Target().PlanAsync(spec, "fashion-cloud", 5, CancellationToken.None));

        Assert.Equal(400, refused.Status);
        Assert.StartsWith("invalid rollout spec: metric 'error_rate' cannot judge cloud model 'fashion-cloud'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_cloud.Ensured);
    }

    [Fact]
    public async Task PlanAsync_WithoutARouter_IsAConflictNamingTheSetting()
    {
        var target = new CloudTrafficCanaryTarget(_clock, NullLogger<RolloutEngine>.Instance);

        var refused = await Assert.ThrowsAsync<RolloutException>(() => target.PlanAsync(new RolloutSpec(), "fashion-cloud", 5, CancellationToken.None));

        Assert.Equal(409, refused.Status);
        Assert.Contains("CloudTraffic:RouterAddress", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginAsync_BeforeTheCloudServesTheCandidate_GivesItNoTraffic_AndSaysSoOnce()
    {
        var rollout = TestRollouts.Cloud(5);

        var begun = await Target().BeginAsync(rollout, "alice", CancellationToken.None);
        var synced = await Target().SyncAsync(begun, CancellationToken.None);

        Assert.Equal([("fashion", W(1, 100, 2, 0)), ("fashion", W(1, 100, 2, 0))], _cloud.Weights.Select(w => (w.Route, Flat(w.Weights))));
        var waiting = Assert.Single(synced.Rollout.Events);
        Assert.Equal(("cloud-waiting", 0, TestRollouts.Start), (waiting.Kind, waiting.Weight, waiting.At));
        Assert.False(synced.Changed);
        Assert.False(synced.Rollout.CloudServing);
    }

    [Fact]
    public async Task BeginAsync_WhenTheRouterIsAway_StartsAnyway_WithTheRolloutUnchanged()
    {
        _cloud.Failure = new HttpRequestException("connection refused");
        var rollout = TestRollouts.Cloud(5);

        var begun = await Target().BeginAsync(rollout, "alice", CancellationToken.None);

        Assert.Same(rollout, begun);
    }

    [Fact]
    public async Task SyncAsync_OnceTheCloudServes_GivesTheCandidateItsShare_AndStartsTheStepsWindowNow()
    {
        var rollout = TestRollouts.Cloud(5) with { LastAnalysisAt = TestRollouts.Start };
        _cloud.Served.Add(2);
        _clock.Advance(TimeSpan.FromSeconds(3));

        var sync = await Target().SyncAsync(rollout, CancellationToken.None);
        var again = await Target().SyncAsync(sync.Rollout, CancellationToken.None);

        Assert.True(sync.Changed);
        Assert.True(sync.Rollout.CloudServing);
        Assert.Equal(_clock.GetUtcNow(), sync.Rollout.StepStartedAt);
        Assert.Null(sync.Rollout.LastAnalysisAt);
        Assert.Equal("cloud-serving", Assert.Single(sync.Rollout.Events).Kind);
        Assert.False(again.Changed);
        Assert.Single(again.Rollout.Events);
        Assert.All(_cloud.Weights, w => Assert.Equal(W(1, 95, 2, 5), Flat(w.Weights)));
    }

    [Fact]
    public async Task StepAsync_ChangesNoWeights_TheSyncAfterTheStepDoes()
    {
        var rollout = TestRollouts.Cloud(5, serving: true);

        var step = await Target().StepAsync(rollout, 25);

        Assert.Empty(step.Devices);
        Assert.Equal("of route fashion's cloud calls", step.Where);
        Assert.Empty(_cloud.Weights);
    }

    [Fact]
    public async Task PromoteAsync_GivesTheCandidateEveryCloudCall()
    {
        var promoted = await Target().PromoteAsync(TestRollouts.Cloud(25, serving: true), "bob");

        Assert.Empty(promoted.Devices);
        Assert.Equal("for all of route fashion's cloud calls", promoted.Where);
        Assert.Equal(W(1, 0, 2, 100), Flat(Assert.Single(_cloud.Weights).Weights));
    }

    [Fact]
    public async Task RollBackAsync_PutsEveryCloudCallBackOnTheStable_AndSaysWhenTheRouterCouldNotBeTold()
    {
        var back = await Target().RollBackAsync(TestRollouts.Cloud(25, serving: true), "controller");
        _cloud.Failure = new HttpRequestException("connection refused");
        var unreached = await Target().RollBackAsync(TestRollouts.Cloud(25, serving: true), "controller");

        Assert.Equal("route fashion's cloud calls back on v1, v2 at weight 0", back);
        Assert.Equal(W(1, 100, 2, 0), Flat(Assert.Single(_cloud.Weights).Weights));
        Assert.Equal("route fashion's cloud calls back on v1, v2 at weight 0 (the router's weights could not be set: connection refused)", unreached);
    }

    [Fact]
    public void Split_ByTheCloudVersionThatAnswered_WhateverTheDevice()
    {
        var records = new[]
        {
            TestRollouts.CloudAnswer("edge-1", 2),
            TestRollouts.CloudAnswer("edge-2", 2),
            TestRollouts.CloudAnswer("edge-1", 1),
            TestRollouts.EdgeAnswer("edge-1", 2, correct: true),
        };

        var (canary, control) = Target().Split(records, TestRollouts.Cloud(5, serving: true));

        Assert.Equal((2L, 1L), (canary.Requests, control.Requests));
    }

    private static string W(int stable, int stableShare, int candidate, int candidateShare) => $"{stable}:{stableShare},{candidate}:{candidateShare}";

    private static string Flat(IReadOnlyDictionary<int, int> weights) => string.Join(",", weights.OrderBy(w => w.Key).Select(w => $"{w.Key}:{w.Value}"));

    private CloudTrafficCanaryTarget Target() => new(_clock, NullLogger<RolloutEngine>.Instance, _cloud);
}

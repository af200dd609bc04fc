using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Spec;

namespace HybridInference.Rollouts.Tests.Control;

public class DeviceCanaryTargetTests
{
    private static readonly string[] Fleet = ["edge-1", "edge-2", "edge-3", "edge-4"];

    [Theory]
    [InlineData("fashion-edge", true)]
    [InlineData("fashion", true)]
    [InlineData("fashion-cloud", false)]
    public void RollsOut_EveryModelButACloudOne(string model, bool expected) =>
        Assert.Equal(expected, new DeviceCanaryTarget(new FakeActuator()).RollsOut(model));

    [Fact]
    public void Owns_ARolloutWithoutACloudRoute_AndDoesNotKeepAPausedStep()
    {
        var target = new DeviceCanaryTarget(new FakeActuator());

        Assert.True(target.Owns(TestRollouts.Edge(25)));
        Assert.False(target.Owns(TestRollouts.Cloud(5)));
        Assert.False(target.KeepsPausedStep);
    }

    [Fact]
    public async Task PlanAsync_ChoosesTheFirstStepsGroup_KeepsTheSpec_AndChangesNothing()
    {
        var actuator = new FakeActuator(Fleet);
        var spec = new RolloutSpec { Model = "fashion-edge", CandidateVersion = 2, Steps = [25, 50, 100] };

        var plan = await new DeviceCanaryTarget(actuator).PlanAsync(spec, "fashion-edge", 25, CancellationToken.None);

        Assert.Same(spec, plan.Spec);
        Assert.Null(plan.CloudRoute);
        Assert.Equal(CanaryGroup.Select(Fleet, "fashion-edge", 25), plan.CanaryDevices);
        Assert.Single(plan.CanaryDevices);
        Assert.Empty(actuator.Assigned);
    }

    [Fact]
    public async Task PlanAsync_WithOneDevice_IsAConflict_UnlessTheOnlyStepIs100()
    {
        var target = new DeviceCanaryTarget(new FakeActuator("edge-1"));

        var refused = await Assert.ThrowsAsync<RolloutException>(() =>
            target.PlanAsync(new RolloutSpec { Steps = [25, 100] }, "fashion-edge", 25, CancellationToken.None));
        var whole = await target.PlanAsync(new RolloutSpec { Steps = [100] }, "fashion-edge", 100, CancellationToken.None);

        Assert.Equal(409, refused.Status);
        Assert.Contains("the fleet has 1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["edge-1"], whole.CanaryDevices);
    }

    [Fact]
    public async Task BeginAsync_AssignsTheCandidateToTheCanaries_AndLeavesTheRolloutAsItIs()
    {
        var actuator = new FakeActuator(Fleet);
        var rollout = TestRollouts.Edge(25, "edge-3");

        var begun = await new DeviceCanaryTarget(actuator).BeginAsync(rollout, "alice", CancellationToken.None);

        Assert.Same(rollout, begun);
        Assert.Equal([(2, "edge-3", "alice", "rollout fashion-edge-1: canary 25 %")], actuator.Assigned);
    }

    [Fact]
    public async Task SyncAsync_ChangesNothing()
    {
        var actuator = new FakeActuator(Fleet);
        var rollout = TestRollouts.Edge(25, "edge-3");

        var sync = await new DeviceCanaryTarget(actuator).SyncAsync(rollout, CancellationToken.None);

        Assert.Same(rollout, sync.Rollout);
        Assert.False(sync.Changed);
        Assert.Empty(actuator.Assigned);
    }

    [Fact]
    public async Task StepAsync_GrowsTheGroup_AssigningOnlyTheDevicesNewToIt()
    {
        var actuator = new FakeActuator(Fleet);
        var first = CanaryGroup.Select(Fleet, "fashion-edge", 25);
        var grown = CanaryGroup.Select(Fleet, "fashion-edge", 50);

        var step = await new DeviceCanaryTarget(actuator).StepAsync(TestRollouts.Edge(25, [.. first]), 50);

        Assert.Equal(grown, step.Devices);
        Assert.Equal($"2 devices: {string.Join(", ", grown)}", step.Where);
        var (version, devices, actor, reason) = Assert.Single(actuator.Assigned);
        Assert.Equal((2, "controller", "rollout fashion-edge-1: step to 50 %"), (version, actor, reason));
        Assert.Equal(string.Join(",", grown.Except(first)), devices);
    }

    [Fact]
    public async Task PromoteAsync_PutsEveryDeviceOnTheCandidate()
    {
        var actuator = new FakeActuator(Fleet);

        var promoted = await new DeviceCanaryTarget(actuator).PromoteAsync(TestRollouts.Edge(50, "edge-1", "edge-3"), "bob");

        Assert.Equal(Fleet, promoted.Devices);
        Assert.Equal("on all 4 devices", promoted.Where);
        Assert.Equal([(2, "edge-1,edge-2,edge-3,edge-4", "bob", "rollout fashion-edge-1: promoted")], actuator.Assigned);
    }

    [Fact]
    public async Task RollBackAsync_PutsTheCanariesBackOnTheStableVersion()
    {
        var actuator = new FakeActuator(Fleet);

        var back = await new DeviceCanaryTarget(actuator).RollBackAsync(TestRollouts.Edge(50, "edge-1", "edge-3"), "controller");

        Assert.Equal("2 canary devices back on v1", back);
        Assert.Equal([(1, "edge-1,edge-3", "controller", "rollout fashion-edge-1: rolled back")], actuator.Assigned);
    }

    [Fact]
    public void Split_TheCanaryIsTheCanaryDevicesOnTheCandidate_TheControlTheOthersOnTheStable()
    {
        var records = new[]
        {
            TestRollouts.EdgeAnswer("edge-1", 2, correct: true),
            TestRollouts.EdgeAnswer("edge-1", 2, correct: false),
            TestRollouts.EdgeAnswer("edge-1", 1, correct: true),   // the canary caught mid-swap: neither group
            TestRollouts.EdgeAnswer("edge-2", 1, correct: true),
            TestRollouts.EdgeAnswer("edge-4", 1, correct: true),
            TestRollouts.CloudAnswer("edge-2", 2),
        };

        var (canary, control) = new DeviceCanaryTarget(new FakeActuator(Fleet)).Split(records, TestRollouts.Edge(25, "edge-1"));

        Assert.Equal((2L, 2L, 1L), (canary.Requests, canary.Labelled, canary.Correct));
        Assert.Equal((3L, 2L), (control.Requests, control.Correct));
    }
}

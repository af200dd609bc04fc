using HybridInference.Rollouts.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace HybridInference.Rollouts.Tests.Control;

public class CanaryTargetsTests
{
    private static readonly DeviceCanaryTarget Devices = new(new FakeActuator());
    private static readonly CloudTrafficCanaryTarget CloudTraffic = new(TimeProvider.System, NullLogger<RolloutEngine>.Instance);

    [Theory]
    [InlineData("fashion-edge", false)]
    [InlineData("fashion-cloud", true)]
    public void For_AModel_IsItsOneTarget(string model, bool cloud)
    {
        var target = new CanaryTargets([Devices, CloudTraffic]).For(model);

        Assert.Same(cloud ? CloudTraffic : Devices, target);
    }

    [Fact]
    public void Of_AStoredRollout_IsTheTargetItStartedOn()
    {
        var targets = new CanaryTargets([CloudTraffic, Devices]);

        Assert.Same(Devices, targets.Of(TestRollouts.Edge(25)));
        Assert.Same(CloudTraffic, targets.Of(TestRollouts.Cloud(5)));
    }
}

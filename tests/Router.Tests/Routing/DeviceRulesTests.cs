using HybridInference.Router.Routing;
using HybridInference.Router.Routing.Rules;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Routing;

/// <summary>Rules from a device's desired state, evaluated with the configured fleet-wide defaults.</summary>
public class DeviceRulesTests
{
    private static readonly (string, string)[] Defaults =
    [
        ("hot-gpu", "gpu_temperature_c > 85 -> cloud"),
        ("slow-edge", "p95_latency_ms > 50 -> cloud"),
    ];

    private readonly FakeTimeProvider _time = new(RoutingTestOptions.Now);

    private RoutingPolicy Policy(params (string, string)[] configured) =>
        new(new StaticRoutingTable(RoutingTestOptions.Create(0.8, 0, 100, configured)), new EscalationLimiter(_time), new AuditSampler(new FixedRandom(0.99)), _time);

    private static RouteRequest Request(EdgeHealth health, params (string Name, string Expression)[] deviceRules) =>
        new(RoutingTestOptions.Model, RoutingTestOptions.Site, Health: health, DeviceRules: [.. deviceRules.Select(r => RuleParser.Parse(r.Name, r.Expression))]);

    [Fact]
    public void DeviceRule_Fires_ReportedAsRuleName()
    {
        var plan = Policy(Defaults).Plan(Request(RoutingTestOptions.Health(75, false, 10, false), ("warm-device", "gpu_temperature_c > 70 -> cloud")));

        Assert.Equal(RouteTarget.Cloud, plan.Target);
        Assert.Equal("rule:warm-device", plan.Reason?.Label);
    }

    [Fact]
    public void DeviceRule_OverridesTheDefaultOfTheSameName()
    {
        // hot-gpu at 90 for this device: 88 °C no longer sends it to the cloud, though the default says 85.
        var policy = Policy(Defaults);
        var overridden = policy.Plan(Request(RoutingTestOptions.Health(88, false, 10, false), ("hot-gpu", "gpu_temperature_c > 90 -> cloud")));
        var fired = policy.Plan(Request(RoutingTestOptions.Health(91, false, 10, false), ("hot-gpu", "gpu_temperature_c > 90 -> cloud")));

        Assert.Equal(RouteTarget.EdgeFirst, overridden.Target);
        Assert.Equal("rule:hot-gpu", fired.Reason?.Label);
    }

    [Fact]
    public void DefaultsNotOverridden_StillApply()
    {
        var plan = Policy(Defaults).Plan(Request(RoutingTestOptions.Health(60, false, 80, false), ("hot-gpu", "gpu_temperature_c > 90 -> cloud")));

        Assert.Equal("rule:slow-edge", plan.Reason?.Label);
    }

    [Fact]
    public void DeviceRulesComeFirst()
    {
        var plan = Policy(Defaults).Plan(Request(RoutingTestOptions.Health(95, false, 10, false), ("very-hot", "gpu_temperature_c > 90 -> cloud")));

        Assert.Equal("rule:very-hot", plan.Reason?.Label);
    }

    [Fact]
    public void DeviceEdgeOnlyRule_OnLinkDown_KeepsTheRequestOnTheEdge_EvenForPriority()
    {
        var request = Request(RoutingTestOptions.Health(60, false, 10, linkDown: true), ("cut-off", "link_down == true -> edge-only")) with { Priority = true };

        var plan = Policy(Defaults).Plan(request);

        Assert.Equal(RouteTarget.EdgeOnly, plan.Target);
        Assert.Equal("cut-off", plan.EdgeOnlyRule);
    }

    [Fact]
    public void NoDeviceRules_TheConfiguredRulesAlone()
    {
        var hot = RoutingTestOptions.Health(88, false, 10, false);

        Assert.Equal("rule:hot-gpu", Policy(Defaults).Plan(Request(hot)).Reason?.Label);
        Assert.Equal("rule:hot-gpu", Policy(Defaults).Plan(Request(hot) with { DeviceRules = null }).Reason?.Label);
    }

    [Fact]
    public void DeviceRule_OnStaleHealth_DoesNotFire()
    {
        var stale = RoutingTestOptions.Health(99, false, 10, false);
        _time.Advance(TimeSpan.FromSeconds(16));

        var plan = Policy(Defaults).Plan(Request(stale, ("warm-device", "gpu_temperature_c > 70 -> cloud")));

        Assert.Equal(RouteTarget.EdgeFirst, plan.Target);
    }
}

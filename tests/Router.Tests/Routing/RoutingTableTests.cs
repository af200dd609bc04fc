using HybridInference.Router.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Tests.Routing;

public class RoutingTableTests
{
    [Fact]
    public void Current_AtStart_IsRevisionOneParsed()
    {
        using var host = new RoutingHost(RoutingHost.Settings());

        var snapshot = host.Get<IRoutingTable>().Current;

        Assert.Equal(1, snapshot.Revision);
        Assert.Equal(host.Time.GetUtcNow(), snapshot.LoadedAt);
        Assert.Equal(new ModelRoute("fashion", 0.8, RoutingDefaults.AuditRate, RoutingDefaults.MaxEscalationsPerSecondPerSite), snapshot.Models["fashion"]);
        Assert.Equal("gpu_temperature_c > 85 -> cloud", Assert.Single(snapshot.Rules).Expression);
    }

    [Fact]
    public void Reload_ValidChange_TakesEffectWithoutRestart()
    {
        using var host = new RoutingHost(RoutingHost.Settings());
        var table = host.Get<IRoutingTable>();
        var policy = host.Get<IRoutingPolicy>();
        var request = new RouteRequest("fashion", "site-a");
        Assert.True(policy.Judge(policy.Plan(request), 0.7).Escalate);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(host.Change(("Routing:Models:fashion:Threshold", "0.6"), ("Routing:Rules:1:Name", "link-down"), ("Routing:Rules:1:Expression", "link_down == true -> edge-only")));

        Assert.Equal(2, table.Current.Revision);
        Assert.Equal(host.Time.GetUtcNow(), table.Current.LoadedAt);
        Assert.False(policy.Judge(policy.Plan(request), 0.7).Escalate);
        Assert.Equal(2, table.Current.Rules.Count);
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("revision 2 in effect: 1 model(s), 2 rule(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_InvalidChange_KeepsLastValidAndLogsEveryError()
    {
        using var host = new RoutingHost(RoutingHost.Settings());
        var table = host.Get<IRoutingTable>();

        // IOptionsMonitor's own reload callback throws for invalid options; the refusal is what matters here.
        host.Change(("Routing:Models:fashion:Threshold", "7"), ("Routing:Rules:0:Expression", "gpu_temp > 85 -> cloud"));

        Assert.Equal(1, table.Current.Revision);
        Assert.Equal(0.8, table.Current.Models["fashion"].Threshold);
        var refusal = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("revision 1 stays in effect", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Routing:Models:fashion:Threshold must be in [0,1] (was 7)", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'gpu_temp'", refusal.Message, StringComparison.Ordinal);

        Assert.Null(host.Change(("Routing:Models:fashion:Threshold", "0.5"), ("Routing:Rules:0:Expression", "gpu_temperature_c > 90 -> cloud")));
        Assert.Equal(2, table.Current.Revision);
        Assert.Equal(0.5, table.Current.Models["fashion"].Threshold);
    }

    [Fact]
    public void Reload_HealthMaxAgeChanged_IsANewRevision()
    {
        using var host = new RoutingHost(RoutingHost.Settings());
        var table = host.Get<IRoutingTable>();

        host.Change(("Routing:HealthMaxAgeSeconds", "30"));

        Assert.Equal(2, table.Current.Revision);
        Assert.Equal(TimeSpan.FromSeconds(30), table.Current.HealthMaxAge);
    }

    [Fact]
    public void Reload_UnrelatedKeyChanged_KeepsTheRevision()
    {
        using var host = new RoutingHost(RoutingHost.Settings());
        var table = host.Get<IRoutingTable>();

        host.Change(("Logging:LogLevel:Default", "Debug"));

        Assert.Equal(1, table.Current.Revision);
    }

    [Fact]
    public void Start_InvalidConfiguration_FailsNamingEverySetting()
    {
        var settings = RoutingHost.Settings("1.5");
        settings["Routing:Models:fashion:AuditRate"] = "-1";
        using var host = new RoutingHost(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IRoutingTable>());

        Assert.Contains("Routing:Models:fashion:Threshold must be in [0,1] (was 1.5)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Routing:Models:fashion:AuditRate must be in [0,1] (was -1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_NoRoutingSection_FailsNamingTheSection()
    {
        using var host = new RoutingHost(new Dictionary<string, string?>());

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IRoutingPolicy>());

        Assert.Contains("Routing:Models must configure at least one model", ex.Message, StringComparison.Ordinal);
    }
}

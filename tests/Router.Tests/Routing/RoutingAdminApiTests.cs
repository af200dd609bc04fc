using System.Net;
using System.Net.Http.Json;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Tests.Routing;

public sealed class RoutingAdminApiTests(RoutingAdminApiTests.CommittedRouter committed) : IClassFixture<RoutingAdminApiTests.CommittedRouter>
{
    /// <summary>One router with the committed configuration, shared by the tests that only read it.</summary>
    public sealed class CommittedRouter : IAsyncDisposable
    {
        // No store is needed for routing; the store-backed endpoints are not called.
        internal RouterFactory Factory { get; } = new($"127.0.0.1:{FreePort.Next()}", "hi");

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private sealed record Model(string Name, double Threshold, double AuditRate, double MaxEscalationsPerSecondPerSite);

    private sealed record Rule(string Name, string Expression, string Action);

    private sealed record View(long Revision, DateTimeOffset LoadedAt, double HealthMaxAgeSeconds, List<Model> Models, List<Rule> Rules);

    [Fact]
    public async Task GetRouting_CommittedConfiguration_ShowsModelsAndRulesInOrder()
    {
        using var client = committed.Factory.CreateClient();

        var view = await client.GetFromJsonAsync<View>("/admin/routing");

        Assert.NotNull(view);
        Assert.Equal(1, view.Revision);
        Assert.Equal(15, view.HealthMaxAgeSeconds);
        var model = Assert.Single(view.Models);
        Assert.Equal(new Model("fashion", 0.8336, 0.001, 1000), model);
        Assert.Equal(["link-down", "hot-gpu", "slow-edge"], view.Rules.Select(r => r.Name));
        Assert.Equal(new Rule("hot-gpu", "gpu_temperature_c > 85 -> cloud", "cloud"), view.Rules[1]);
        Assert.Equal("edge-only", view.Rules[0].Action);
    }

    [Fact]
    public async Task GetRouting_OverriddenSettings_ShowsTheEffectiveValues()
    {
        await using var factory = new RouterFactory($"127.0.0.1:{FreePort.Next()}", "hi");
        await using var overridden = factory.WithWebHostBuilder(b => b
            .UseSetting("Routing:Models:fashion:Threshold", "0.7")
            .UseSetting("Routing:Models:other:Threshold", "0.5"));
        using var client = overridden.CreateClient();

        var view = await client.GetFromJsonAsync<View>("/admin/routing");

        Assert.Equal(["fashion", "other"], view!.Models.Select(m => m.Name));
        Assert.Equal(0.7, view.Models[0].Threshold);
    }

    [Fact]
    public async Task Start_BadRule_FailsNamingTheRuleAndToken()
    {
        await using var factory = new RouterFactory($"127.0.0.1:{FreePort.Next()}", "hi");
        await using var broken = factory.WithWebHostBuilder(b => b.UseSetting("Routing:Rules:1:Expression", "gpu_temperature_c >> 85 -> cloud"));

        var ex = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains("Routing:Rules:1:Expression 'gpu_temperature_c >> 85 -> cloud': 'gpu_temperature_c' is numeric: expected a number but found '>' at position 20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRouting_AnyRequest_Returns405()
    {
        using var client = committed.Factory.CreateClient();

        using var response = await client.PostAsync("/admin/routing", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}

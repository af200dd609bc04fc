using System.Net;
using HybridInference.Clients.RouterAdmin;
using HybridInference.Contracts.RouterAdmin;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.RouterAdmin;

/// <summary><see cref="RouterAdminClient"/> against the real router: every view it reads, the cloud split it sets, and its errors.</summary>
public sealed class RouterAdminClientTests : IDisposable
{
    private readonly StoreBackends _stores = new();

    [Fact]
    public async Task GetEdgesAsync_ReadsEachConfiguredNode()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        var edge = Assert.Single(await client.GetEdgesAsync());

        Assert.Equal("edge-test", edge.Node);
        Assert.Equal(new EdgeBreakerView("edge-test", "closed", 0, null, null, null), edge.Breaker);
        Assert.Equal("http://127.0.0.1:9/", edge.InferenceAddress);
        Assert.Equal(0, edge.ColdCalls);
    }

    [Fact]
    public async Task GetRoutingAsync_ReadsTheCommittedRouting()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        var routing = await client.GetRoutingAsync();

        Assert.Equal(new ModelView("fashion", 0.8336, 0.001, 1000), Assert.Single(routing.Models));
        Assert.Equal(["link-down", "hot-gpu", "slow-edge"], routing.Rules.Select(r => r.Name));
        Assert.Equal(new RuleView("hot-gpu", "gpu_temperature_c > 85 -> cloud", "cloud"), routing.Rules[1]);
    }

    [Fact]
    public async Task GetInstancesAsync_ListsTheRouterItself()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        IReadOnlyList<ServiceInstance> instances = [];
        // The presence record is written by a background service: up to 10 s on a loaded machine.
        for (var attempt = 0; attempt < 200 && instances.Count == 0; attempt++)
        {
            instances = await client.GetInstancesAsync();
            await Task.Delay(50);
        }

        Assert.Contains(instances, i => i.Service == RouterService.Service && i.LastSeen >= i.StartedAt);
    }

    [Fact]
    public async Task GetInstancesAsync_StoreDown_Is503WithTheRoutersDetail()
    {
        await using var router = new RouterService($"127.0.0.1:{FreePort.Next()}");
        var client = new RouterAdminClient(router.CreateClient());

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetInstancesAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.StartsWith("The instance list lives in the store, which did not answer", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudWeights_SetReadClear_RoundTrip()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        var set = await client.SetCloudWeightsAsync("fashion", new Dictionary<int, double> { [1] = 95, [2] = 5 });
        var read = await client.GetCloudWeightsAsync("fashion");
        var cleared = await client.ClearCloudWeightsAsync("fashion");

        Assert.Equal(("fashion", "fashion-cloud"), (set.Model, set.CloudModel));
        Assert.Equal(new Dictionary<string, double> { ["1"] = 95, ["2"] = 5 }, read.Weights);
        Assert.Null(cleared.Weights);
        Assert.Null((await client.GetCloudWeightsAsync("fashion")).Weights);
    }

    [Fact]
    public async Task SetCloudWeightsAsync_BadWeight_Is400NamingIt()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SetCloudWeightsAsync("fashion", new Dictionary<int, double> { [1] = 101 }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("the weight of version 1 must be in [0,100] (was 101)", ex.Detail);
    }

    [Fact]
    public async Task GetCloudWeightsAsync_UnknownModel_Is404NamingTheRoutedModels()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var client = new RouterAdminClient(router.CreateClient());

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetCloudWeightsAsync("nothing"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("model 'nothing' is not routed; routed models: fashion", ex.Detail);
    }

    [Fact]
    public async Task AddRouterAdminClient_RegistersTheTypedClient_AndACallersAdjustment()
    {
        await using var router = new RouterService(_stores.ConnectionString(StoreBackends.Garnet));
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddRouterAdminClient((_, http) => http.BaseAddress = router.Server.BaseAddress, o => o.MaxRetryAttempts = 0)
            .ConfigurePrimaryHttpMessageHandler(() => router.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var routing = await provider.GetRequiredService<RouterAdminClient>().GetRoutingAsync();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<HybridInference.Clients.Resilience.ClientResilienceOptions>>().Get(RouterAdminClientExtensions.PipelineName);

        Assert.Equal("fashion", Assert.Single(routing.Models).Name);
        Assert.Equal(0, options.MaxRetryAttempts);
        Assert.False(options.CircuitBreaker);
    }

    [Fact]
    public async Task AnyCall_NobodyListening_IsUnreachable()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RouterAdminClient(http).GetEdgesAsync());

        Assert.True(ex.Unreachable);
        Assert.StartsWith("router at http://127.0.0.1:", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _stores.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using HybridInference.Router.Edges;
using HybridInference.Router.Inference;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Tests.Apis;

/// <summary>
/// The breakers in the running router: the edge client really has one per node (chosen by the call's address),
/// a node that answers 503 opens its own and is taken out of YARP's rotation, and <c>/admin/edges</c> shows it.
/// </summary>
public class EdgesAdminApiTests
{
    private sealed record Breaker(string Node, string State, long Opened, string? LastReason);

    private sealed record Edge(string Node, bool InRotation, Breaker Breaker);

    [Fact]
    public async Task ANodeAnswering503_OpensItsOwnBreaker_IsEjected_AndTheEndpointShowsIt_WhileTheOtherStaysClosed()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var failing = await LoopbackServer.StartAsync("/call", "/device");
        await using var healthy = await LoopbackServer.StartAsync("/health", "/device");
        healthy.Answer = (200, "application/json", """{"deviceId":"edge-b","site":"site-1","gpuTemperatureCelsius":40,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""");
        // The healthy node answers /health (YARP's active check, and the path called here) and /device (the router's
        // device poll), so nothing but the breaker can take a node out; the failing one is called on a path of its
        // own, so its count is of the edge client's calls only.
        failing.Answer = (503, "application/json", """{"error":"overloaded"}""");
        failing.PathAnswers["/device"] = (200, "application/json", """{"deviceId":"edge-a","site":"site-1","gpuTemperatureCelsius":40,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""");
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        await using var router = factory.WithWebHostBuilder(web => web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Edges:Nodes:0"] = "edge-a",
            ["Edges:Nodes:1"] = "edge-b",
            ["Edges:Addresses:edge-a"] = failing.Address.ToString(),
            ["Edges:Addresses:edge-b"] = healthy.Address.ToString(),
        })));
        using var admin = router.CreateClient();
        Assert.Equal(
            [new Edge("edge-a", true, new Breaker("edge-a", "closed", 0, null)), new Edge("edge-b", true, new Breaker("edge-b", "closed", 0, null))],
            await admin.GetFromJsonAsync<List<Edge>>("/admin/edges"));

        var edge = router.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HybridInferenceService.EdgeClientName);
        for (var i = 0; i < 8; i++)
        {
            using var ok = await edge.GetAsync(new Uri(healthy.Address, "/health"));
            using var failed = await edge.GetAsync(new Uri(failing.Address, "/call"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        // YARP recomputes the available nodes off the caller's thread: the ejection shows within moments.
        var edges = await admin.GetFromJsonAsync<List<Edge>>("/admin/edges");
        for (var i = 0; i < 20 && edges![0].InRotation; i++)
        {
            await Task.Delay(50);
            edges = await admin.GetFromJsonAsync<List<Edge>>("/admin/edges");
        }

        Assert.Equal(
            [new Edge("edge-a", false, new Breaker("edge-a", "open", 1, "HTTP 503 Service Unavailable")), new Edge("edge-b", true, new Breaker("edge-b", "closed", 0, null))],
            edges);
        Assert.Equal(8, failing.RequestsTo("/call"));

        // Open: the next call to edge-a is refused without reaching it, and YARP has taken it out of rotation.
        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => edge.GetAsync(new Uri(failing.Address, "/call")));
        Assert.Equal(8, failing.RequestsTo("/call"));
        Assert.True(router.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster));
        Assert.Equal(DestinationHealth.Unhealthy, cluster.Destinations["edge-a"].Health.Passive);
        Assert.NotEqual(DestinationHealth.Unhealthy, cluster.Destinations["edge-b"].Health.Passive);
    }

    [Theory]
    [InlineData("FailureRatio", "0", "Edges:Breaker:FailureRatio must be between 0.01 and 1 (was 0)")]
    [InlineData("MinimumThroughput", "1", "Edges:Breaker:MinimumThroughput must be between 2 and 10000 (was 1)")]
    [InlineData("SamplingSeconds", "0.1", "Edges:Breaker:SamplingSeconds must be between 0.5 and 600 (was 0.1)")]
    [InlineData("BreakSeconds", "7200", "Edges:Breaker:BreakSeconds must be between 0.5 and 3600 (was 7200)")]
    public async Task ABadBreakerSetting_StopsTheRouterAtStart_NamingIt(string setting, string value, string message)
    {
        await using var factory = new RouterFactory("127.0.0.1:9", "hi");
        await using var router = factory.WithWebHostBuilder(web => web.UseSetting($"Edges:Breaker:{setting}", value));

        var error = Assert.Throws<OptionsValidationException>(() => router.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

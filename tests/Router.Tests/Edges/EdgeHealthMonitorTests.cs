using HybridInference.Router.Edges;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Tests.Edges;

/// <summary>The device poll in the running router: a node whose <c>/device</c> does not answer leaves rotation at once.</summary>
public class EdgeHealthMonitorTests
{
    [Fact]
    public async Task ANodeWhoseDeviceReadFails_LeavesRotationAtOnce_TheOneThatAnswersStays()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var device = await LoopbackServer.StartAsync("/health", "/device");
        device.Answer = (200, "application/json", """{"deviceId":"edge-ok","site":"site-1","gpuTemperatureCelsius":40,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""");
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        // Two nodes: with every node out, YARP's HealthyOrPanic policy would offer them all again.
        await using var router = factory.WithWebHostBuilder(web => web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Edges:Nodes:0"] = "edge-gone",
            ["Edges:Nodes:1"] = "edge-ok",
            ["Edges:Addresses:edge-gone"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Edges:Addresses:edge-ok"] = device.Address.ToString(),
        })));
        using var client = router.CreateClient();
        var selector = router.Services.GetRequiredService<EdgeSelector>();
        var nodes = router.Services.GetRequiredService<EdgeDirectory>().Nodes;

        // Both back in rotation first: the monitor's own first poll at start may already have taken edge-gone out.
        Assert.True(router.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster));
        foreach (var name in new[] { "edge-gone", "edge-ok" })
        {
            router.Services.GetRequiredService<IDestinationHealthUpdater>().SetPassive(cluster, cluster.Destinations[name], DestinationHealth.Healthy, TimeSpan.FromMinutes(1));
        }

        for (var i = 0; i < 20 && !selector.InRotation("edge-gone"); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(selector.InRotation("edge-gone"));
        var monitor = router.Services.GetRequiredService<EdgeHealthMonitor>();

        await monitor.PollAsync(nodes["edge-gone"], CancellationToken.None);
        await monitor.PollAsync(nodes["edge-ok"], CancellationToken.None);

        // YARP recomputes the available nodes off the caller's thread: a change shows within moments.
        for (var i = 0; i < 20 && selector.InRotation("edge-gone"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(selector.InRotation("edge-gone"));
        Assert.True(selector.InRotation("edge-ok"));
        Assert.Equal(40, nodes["edge-ok"].LastReport!.GpuTemperatureCelsius);
    }

    [Fact]
    public async Task WithHttp2_TheDevicePollGoesToTheHttp2EndpointOverHttp2_AndTheAdminViewSaysSo()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var http1 = await LoopbackServer.StartAsync("/health", "/device");
        http1.Answer = (200, "application/json", """{"deviceId":"edge-1","site":"site-1","gpuTemperatureCelsius":40,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""");
        var builder = LoopbackApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        await using var http2 = builder.Build();
        var protocols = new System.Collections.Concurrent.ConcurrentQueue<string>();
        http2.MapGet("/device", (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            protocols.Enqueue(context.Request.Protocol);
            return Microsoft.AspNetCore.Http.Results.Text("""{"deviceId":"edge-1","site":"site-1","gpuTemperatureCelsius":55,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""", "application/json");
        });
        await http2.StartAsync();
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        await using var router = factory.WithWebHostBuilder(web => web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Edges:Nodes:0"] = "edge-1",
            ["Edges:Addresses:edge-1"] = http1.Address.ToString(),
            ["Edges:Http2"] = "true",
            ["Edges:Http2Addresses:edge-1"] = LoopbackApp.Address(http2).ToString(),
        })));
        using var client = router.CreateClient();
        var node = router.Services.GetRequiredService<EdgeDirectory>().Nodes["edge-1"];

        await router.Services.GetRequiredService<EdgeHealthMonitor>().PollAsync(node, CancellationToken.None);

        Assert.Equal(55, node.LastReport!.GpuTemperatureCelsius);
        Assert.Contains("HTTP/2", protocols);
        Assert.DoesNotContain(protocols, p => p != "HTTP/2");
        var view = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/admin/edges")).RootElement.EnumerateArray().Single();
        Assert.Equal("2.0", view.GetProperty("inferenceHttpVersion").GetString());
        Assert.Equal(LoopbackApp.Address(http2), new Uri(view.GetProperty("inferenceAddress").GetString()!));
        Assert.Equal(0, view.GetProperty("p95LatencyMs").GetDouble());
    }

    [Fact]
    public async Task ANodeBackInRotation_StartsItsLatencyWindowAfresh_AndCold()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var device = await LoopbackServer.StartAsync("/health", "/device");
        const string Report = """{"deviceId":"edge-1","site":"site-1","gpuTemperatureCelsius":40,"throttled":false,"updatedAt":"2026-11-28T12:00:00Z"}""";
        device.Answer = (200, "application/json", Report);
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        await using var router = factory.WithWebHostBuilder(web => web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Edges:Nodes:0"] = "edge-1",
            ["Edges:Addresses:edge-1"] = device.Address.ToString(),
        })));
        using var client = router.CreateClient();
        var node = router.Services.GetRequiredService<EdgeDirectory>().Nodes["edge-1"];
        var monitor = router.Services.GetRequiredService<EdgeHealthMonitor>();
        await monitor.PollAsync(node, CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            node.Latency.Add(900);
        }

        Assert.Equal(900, node.Latency.P95());

        device.Answer = (500, "text/plain", "down");
        await monitor.PollAsync(node, CancellationToken.None);
        Assert.Equal(900, node.Latency.P95());

        device.Answer = (200, "application/json", Report);
        await monitor.PollAsync(node, CancellationToken.None);

        Assert.False(node.Latency.Warm);
        Assert.Equal(0, node.Latency.P95());
    }
}

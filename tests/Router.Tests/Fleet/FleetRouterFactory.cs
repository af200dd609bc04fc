using HybridInference.TestSupport;
using HybridInference.Router.Fleet;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.Router.Tests.Fleet;

/// <summary>
/// The router in-process with edge nodes of the given names (default edge-a, edge-b; nobody listens, so YARP
/// keeps them all available in panic mode) and its fleet client wired to a registry: the real one's test server, or a real address.
/// Polls every 300 s, so tests poll when they choose through <see cref="FleetPoller.PollOnceAsync"/>.
/// </summary>
internal sealed class FleetRouterFactory(
    string storeConnectionString, Func<HttpMessageHandler>? registryHandler, string registryAddress = "http://registry.test", IDictionary<string, string?>? settings = null, params string[] nodes)
    : ServiceFactory<Program>
{
    private readonly string[] _nodes = nodes.Length > 0 ? nodes : ["edge-a", "edge-b"];

    public Routing.ListLogger Logs { get; } = new();

    public FleetPoller Poller => Services.GetRequiredService<FleetPoller>();

    public FleetView View => Services.GetRequiredService<FleetView>();

    /// <summary>Waits for the poller's own read at start, so that it cannot land in the middle of a test's sequence.</summary>
    public async Task FirstReadAsync()
    {
        for (var i = 0; i < 100 && View.Current.ReadAt is null && View.Failure is null; i++)
        {
            await Task.Delay(50);
        }
    }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:store", storeConnectionString);
        builder.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Store:ConnectTimeoutMs", "500");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = null,
            ["Kestrel:Endpoints:grpc:Url"] = null,
            ["Fleet:RegistryAddress"] = registryAddress,
            ["Fleet:PollSeconds"] = "300",
            ["PredictionLog:SpoolDirectory"] = Path.Combine(Path.GetTempPath(), "hi-router-tests-" + Guid.NewGuid().ToString("N")),
        })
        .AddInMemoryCollection(_nodes.SelectMany((node, i) => new[]
        {
            KeyValuePair.Create<string, string?>($"Edges:Nodes:{i}", node),
            KeyValuePair.Create<string, string?>($"Edges:Addresses:{node}", $"http://127.0.0.{i + 1}:9"),
        }))
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureServices(services =>
        {
            services.AddLogging(l => l.AddProvider(Logs));
            if (registryHandler is not null)
            {
                services.AddHttpClient(FleetPoller.ClientName).ConfigurePrimaryHttpMessageHandler(registryHandler);
            }
        });
    }
}

extern alias router;
using HybridInference.TestSupport;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HybridInference.Clients.Tests.RouterAdmin;

/// <summary>The real router in-process with its committed routing, pointed at a given store, with one edge node nobody listens on.</summary>
internal sealed class RouterService(string storeConnectionString) : ServiceFactory<router::Program>
{
    public const string Service = "router-under-client-test";

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:store", storeConnectionString);
        builder.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Store:ConnectTimeoutMs", "500");
        builder.UseSetting("Store:CommandTimeoutMs", "500");
        builder.UseSetting("Presence:Service", Service);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The committed Kestrel endpoints bind fixed ports; the test server needs none.
            ["Kestrel:Endpoints:http:Url"] = null,
            ["Kestrel:Endpoints:grpc:Url"] = null,
            ["Edges:Nodes:0"] = "edge-test",
            ["Edges:Addresses:edge-test"] = "http://127.0.0.1:9",
            ["PredictionLog:SpoolDirectory"] = Path.Combine(Path.GetTempPath(), "hi-client-tests-" + Guid.NewGuid().ToString("N")),
        }));
    }
}

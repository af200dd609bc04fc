using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HybridInference.Router.Tests;

/// <summary>The router in-process, pointed at a given store address.</summary>
internal sealed class RouterFactory(string storeConnectionString, string keyPrefix) : ServiceFactory<Program>
{
    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:store", storeConnectionString);
        builder.UseSetting("Store:KeyPrefix", keyPrefix);
        builder.UseSetting("Store:ConnectTimeoutMs", "500");
        builder.UseSetting("Store:CommandTimeoutMs", "500");
        builder.UseSetting("Presence:Service", "router-under-test");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The committed Kestrel endpoints bind fixed ports; the test server needs none.
            ["Kestrel:Endpoints:http:Url"] = null,
            ["Kestrel:Endpoints:grpc:Url"] = null,

            // An edge node nobody listens on: these tests exercise the admin surface, not inference.
            ["Edges:Nodes:0"] = "edge-test",
            ["Edges:Addresses:edge-test"] = "http://127.0.0.1:9",
            ["PredictionLog:SpoolDirectory"] = Path.Combine(Path.GetTempPath(), "hi-router-tests-" + Guid.NewGuid().ToString("N")),
        }));
    }
}

extern alias chaoslab;

using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Clients.Tests.Chaos;

/// <summary>
/// The real ChaosLab in-process on a real Garnet store, with experiment files in a folder of its own and a router
/// address nobody listens on (a run's requests are refused at once, so a run is short and fails its checks).
/// </summary>
public sealed class ChaosLabService : IDisposable
{
    private readonly StoreBackends _stores = new();

    public ChaosLabService()
    {
        File.WriteAllText(Path.Combine(Directory, "quick.json"),
            """{"name":"quick","description":"two seconds of refused requests","traffic":{"requestsPerSecond":4,"durationSeconds":1},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":1}}""");
        File.WriteAllText(Path.Combine(Directory, "broken.json"),
            """{"name":"broken","traffic":{"requestsPerSecond":0,"durationSeconds":5},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":2}}""");
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";
        Factory = new ServiceFactory<chaoslab::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Experiments:Directory", Directory);
            web.UseSetting("Experiments:RouterAddress", nobody);
            web.UseSetting("Experiments:RegistryAddress", nobody);
        });
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("client-experiments-").FullName;

    public WebApplicationFactory<chaoslab::Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _stores.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

using HybridInference.Clients.Fleet;
using HybridInference.Registry.Fleet;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Fleet;

/// <summary>
/// The real registry in-process on embedded Garnet, seeded from the committed models, with a <see cref="FleetClient"/>
/// registered as a service registers it (AddFleetClient) and wired to the registry's test server. One per test class.
/// </summary>
public sealed class FleetRegistry : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-clients-registry-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private ServiceProvider _services = null!;

    /// <summary>A typed client as the container hands it out.</summary>
    public FleetClient Client => _services.GetRequiredService<FleetClient>();

    /// <summary>Registers a device through the registry's fleet store, as its gRPC registration would.</summary>
    public Task RegisterAsync(string id, string site = "site-1", string group = "canary") =>
        _factory.Services.GetRequiredService<FleetStore>().RegisterAsync(id, site, group, "sim-gpu", "1.0.0", null);

    public static string NewId(string role = "dev") => $"{role}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
        });
        using (var http = _factory.CreateClient())
        {
            await HealthWait.UntilHealthyAsync(http);
        }

        var services = new ServiceCollection();
        services.AddFleetClient((_, http) => http.BaseAddress = _factory.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => _factory.Server.CreateHandler());
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _factory.DisposeAsync();
        _stores.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }
}

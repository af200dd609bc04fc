extern alias registry;

using System.Net.Http.Json;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using FleetStore = registry::HybridInference.Registry.Fleet.FleetStore;
using RegistryProgram = registry::Program;

namespace HybridInference.Router.Tests.Fleet;

/// <summary>
/// The real registry in-process on a real store, seeded from the committed models, on a fake clock so that
/// tests can make devices fall silent (offline after 10 s). Devices register through its fleet store, and
/// desired states go through its HTTP API as an operator's would.
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-router-registry-").FullName;
    private readonly WebApplicationFactory<RegistryProgram> _factory;

    public RegistryServer(string storeConnectionString)
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _factory = new ServiceFactory<RegistryProgram>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", storeConnectionString);
            web.UseSetting("Store:KeyPrefix", "t" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseRegistrySigningKey();
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
            web.UseSetting("Fleet:OfflineAfterSeconds", "10");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>A handler into the registry's test server: the router's fleet client goes through real HTTP handling.</summary>
    public HttpMessageHandler CreateHandler() => _factory.Server.CreateHandler();

    public async Task StartAsync()
    {
        using var client = _factory.CreateClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var health = await client.GetAsync("/health");
            if (health.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the registry did not finish seeding");
    }

    public Task RegisterAsync(string id, string site = "site-a") =>
        _factory.Services.GetRequiredService<FleetStore>().RegisterAsync(id, site, "default", "test-gpu", "1.0.0", null);

    /// <summary>The device is heard from at the registry's current (fake) time.</summary>
    public Task TouchAsync(string id) => _factory.Services.GetRequiredService<FleetStore>().TouchAsync(id);

    /// <summary>Sets version 1 of fashion-edge with these rules through <c>PUT /api/fleet/devices/{id}/desired</c>.</summary>
    public async Task SetRulesAsync(string id, params (string Name, string Expression)[] rules)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PutAsJsonAsync($"/api/fleet/devices/{id}/desired", new
        {
            model = "fashion-edge",
            version = 1,
            actor = "router-tests",
            rules = rules.Select(r => new { name = r.Name, expression = r.Expression }),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_artifacts, recursive: true);
    }
}

using HybridInference.Clients.Registry;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Clients.Tests.Registry;

/// <summary>
/// The real registry in-process on an embedded Garnet, seeded from the committed model repository, with its
/// own artifact directory and key prefix; one per test class.
/// </summary>
public sealed class RegistryServer : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-clients-registry-").FullName;
    private WebApplicationFactory<Program>? _factory;

    /// <summary>A typed client of the running registry (no resilience pipeline: the calls are the subject).</summary>
    public RegistryModelsClient Client() => new(_factory!.CreateClient());

    /// <summary>A handler that reaches the in-process registry, for clients built by a container.</summary>
    public HttpMessageHandler Handler() => _factory!.Server.CreateHandler();

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "c" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
        });
        using var client = _factory.CreateClient();
        await HealthWait.UntilHealthyAsync(client);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _stores.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }
}

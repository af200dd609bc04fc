using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Clients.Tests;

/// <summary>
/// The real registry in-process on an embedded Garnet, seeded from the committed model repository, with its own
/// artifact directory and key prefix, started once per test class. The fixtures of each client's tests derive
/// from it and add what their tests need once it is healthy.
/// </summary>
public abstract class RegistryHost : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-clients-registry-").FullName;
    private WebApplicationFactory<Program>? _factory;

    /// <summary>The running registry.</summary>
    protected WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("the registry has not been started");

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", "c" + Guid.NewGuid().ToString("N")[..10]);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseRegistrySigningKey();
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
        });
        using (var http = _factory.CreateClient())
        {
            await HealthWait.UntilHealthyAsync(http);
            await OnStartedAsync(http);
        }
    }

    public async Task DisposeAsync()
    {
        await OnStoppingAsync();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _stores.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }

    /// <summary>Runs once the registry is healthy, with a client of it.</summary>
    protected virtual Task OnStartedAsync(HttpClient registry) => Task.CompletedTask;

    /// <summary>Runs before the registry stops.</summary>
    protected virtual ValueTask OnStoppingAsync() => ValueTask.CompletedTask;
}

using HybridInference.ModelPipeline.Registry;
using HybridInference.ModelPipeline.State;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.ModelPipeline.Tests.Runs;

/// <summary>
/// The real registry in-process on an embedded Garnet store, seeded from the committed models (so fashion-edge
/// v1 is the champion), with its own artifact folder and key prefix; the pipeline's run store on the same Garnet.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-pipeline-registry-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public string Prefix { get; } = "p" + Guid.NewGuid().ToString("N")[..10];

    public string StoreAddress => _stores.ConnectionString(StoreBackends.Garnet);

    public HttpClient Http() => _factory!.CreateClient();

    public RegistryClient Registry() => new(Http(), "pipeline-test");

    public Task<RunStore> StoreAsync() => RunStore.ConnectAsync(StoreAddress, Prefix);

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", StoreAddress);
            web.UseSetting("Store:KeyPrefix", Prefix);
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseRegistrySigningKey();
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

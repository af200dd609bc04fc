extern alias registry;
using HybridInference.TestSupport;

using HybridInference.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// The real registry on Kestrel at fixed loopback ports (so it can be stopped and started again where an
/// edge node expects it), on its own embedded Garnet, with its own artifact directory.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<registry::Program> _factory;
    private readonly EmbeddedGarnet _store = new("127.0.0.1", FreePort.Next());
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-edge-registry-").FullName;

    public RegistryServer(int httpPort, int grpcPort, IReadOnlyDictionary<string, string?>? settings = null)
    {
        HttpAddress = $"http://127.0.0.1:{httpPort}";
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = HttpAddress,
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["ConnectionStrings:store"] = $"127.0.0.1:{_store.Port}",
            ["Registry:ArtifactDirectory"] = _artifacts,
            [TestSigningKeys.RegistryPrivateKeySetting] = TestSigningKeys.RegistryPrivateKeyPem,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        _factory = new ServiceFactory<registry::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
        });
        _factory.UseKestrel();
        _factory.StartServer();
        Client = new HttpClient { BaseAddress = new Uri(HttpAddress) }.Authorize();
    }

    public string HttpAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The registry's services, for tests that change what is in its store the way an intruder would.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Where the registry keeps its artifacts (<c>sha256/ab/abcdef...</c>).</summary>
    public string ArtifactDirectory => _artifacts;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }
}

using HybridInference.Inference.Models;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests;

/// <summary>
/// One edge node in process on the committed model repository, with an embedded Garnet as its store.
/// <see cref="Settings"/> can replace or remove (null) any setting before the host is built.
/// </summary>
public class EdgeFactory : ServiceFactory<Program>, IAsyncLifetime
{
    public const int ThrottleMinDelayMs = 250;

    private int _disposed;

    private readonly EmbeddedGarnet _store = new("127.0.0.1", FreePort.Next());

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["ModelRepository:Path"] = Path.Combine(TestData.Root, "models"),
        ["Edge:DeviceId"] = "edge-test",
        ["Edge:Site"] = "site-7",
        ["Edge:FleetGroup"] = "canary",
        ["Edge:Device:ThrottleMinDelayMs"] = ThrottleMinDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Fleet:CacheDirectory"] = Directory.CreateTempSubdirectory("hi-edge-cache-").FullName,
        [TestSigningKeys.EdgePublicKeySetting] = TestSigningKeys.RegistryPublicKeyPem,
    };

    /// <summary>The node's credential is its device's, bound to its id, as the AppHost gives each edge node.</summary>
    protected override string ClientToken => TestAuth.DeviceToken(Settings["Edge:DeviceId"] ?? "edge-test");

    /// <summary>The node's clock; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    public virtual async Task InitializeAsync() => await Services.GetRequiredService<ModelCatalog>().Loaded;

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        Settings["ConnectionStrings:store"] = $"127.0.0.1:{_store.Port}";
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(Settings));
        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        // WebApplicationFactory reaches Dispose(bool) from both Dispose and DisposeAsync.
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.Dispose();
        }
    }
}

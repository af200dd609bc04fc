using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ChaosLab.Tests;

/// <summary>ChaosLab in-process on a real Garnet store, with its own key prefix and a fake clock.</summary>
public sealed class ChaosLabHost : IDisposable
{
    private readonly StoreBackends _stores = new();

    public ChaosLabHost()
    {
        Factory = new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", Prefix);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        });
    }

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Starts at the real time, so the store's TTLs (real time) agree with the API's clock.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _stores.Dispose();
    }
}

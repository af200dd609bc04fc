using HybridInference.TestSupport;
using HybridInference.Clients.Fleet;
using HybridInference.Registry.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Fleet;

/// <summary>
/// The real registry in-process (<see cref="RegistryHost"/>), with a <see cref="FleetClient"/>
/// registered as a service registers it (AddFleetClient) and wired to the registry's test server. One per test class.
/// </summary>
public sealed class FleetRegistry : RegistryHost
{
    private ServiceProvider? _services;

    /// <summary>A typed client as the container hands it out.</summary>
    public FleetClient Client => (_services ?? throw new InvalidOperationException("the registry has not been started")).GetRequiredService<FleetClient>();

    /// <summary>Registers a device through the registry's fleet store, as its gRPC registration would.</summary>
    public Task RegisterAsync(string id, string site = "site-1", string group = "canary") =>
        Factory.Services.GetRequiredService<FleetStore>().RegisterAsync(id, site, group, "sim-gpu", "1.0.0", null);

    public static string NewId(string role = "dev") => $"{role}-{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task OnStartedAsync(HttpClient registry)
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddFleetClient((_, http) => http.BaseAddress = Factory.Server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler());
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    protected override async ValueTask OnStoppingAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}

using HybridInference.TestSupport;

namespace HybridInference.Router.Tests.Fleet;

/// <summary>The real stores and one seeded registry per store, shared by a test class (seeding takes seconds).</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly Dictionary<string, RegistryServer> _registries = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Store(string backend) => _stores.ConnectionString(backend);

    internal async Task<RegistryServer> RegistryAsync(string backend)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_registries.TryGetValue(backend, out var registry))
            {
                registry = new RegistryServer(_stores.ConnectionString(backend));
                await registry.StartAsync();
                _registries[backend] = registry;
            }

            return registry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var registry in _registries.Values)
        {
            await registry.DisposeAsync();
        }

        _stores.Dispose();
        _gate.Dispose();
    }
}

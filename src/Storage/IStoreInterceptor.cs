using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// A hook on every database handle <see cref="StoreConnection.Database"/> hands out. The fault library uses it
/// to make a service's store commands fail during an injected store outage, through the same calls a real
/// outage would break.
/// </summary>
public interface IStoreInterceptor
{
    IDatabase Intercept(IDatabase database);
}

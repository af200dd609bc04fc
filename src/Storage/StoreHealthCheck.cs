using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Storage;

/// <summary>
/// Pings the store. The description names the endpoint and the reason, because "Unhealthy" alone sends
/// an operator hunting through logs.
/// </summary>
public sealed class StoreHealthCheck(StoreConnection store) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!store.IsConnected)
        {
            return HealthCheckResult.Unhealthy($"Store unreachable at {store.Endpoints}: not connected, retrying in the background");
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            await store.Database.PingAsync().WaitAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return HealthCheckResult.Healthy($"Store reachable at {store.Endpoints} (PING {elapsed.TotalMilliseconds:F1} ms)");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Store unreachable at {store.Endpoints}: {ex.Message}", ex);
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Router.Fleet;

/// <summary>
/// Degraded, never unhealthy, while the registry cannot be read: the router keeps answering on the last
/// device list, and an orchestrator must not restart or unroute it because the control plane is away.
/// </summary>
public sealed class FleetHealthCheck(FleetView view) : IHealthCheck
{
    public const string Name = "fleet";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = view.Current;
        var readAt = current.ReadAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : "never";
        var result = !view.Enabled
            ? HealthCheckResult.Healthy("no registry configured; edge nodes are judged by the router's own checks only")
            : view.Failure is { } failure
                ? HealthCheckResult.Degraded($"registry unreachable since {failure.Since.ToString("O", CultureInfo.InvariantCulture)} ({failure.Reason}); routing on the device list read at {readAt} ({current.Devices.Count} device(s))")
                : current.ReadAt is null
                    ? HealthCheckResult.Degraded("the registry's device list has not been read yet")
                    : HealthCheckResult.Healthy($"{current.Devices.Count} device(s), {current.Devices.Values.Count(d => d.IsOffline)} offline, read at {readAt}");
        return Task.FromResult(result);
    }
}

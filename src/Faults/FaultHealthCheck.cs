using HybridInference.Faults.Distribution;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Faults;

/// <summary>
/// The <c>faults</c> check: Degraded (HTTP 200) while any fault is active, naming each, so an operator
/// reading /health knows the service is being tested, not broken; never Unhealthy, so nothing restarts it.
/// </summary>
internal sealed class FaultHealthCheck(FaultState state) : IHealthCheck
{
    public const string Name = "faults";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = state.Current;
        return Task.FromResult(current.IsEmpty
            ? HealthCheckResult.Healthy($"No faults injected into {state.Service}")
            : HealthCheckResult.Degraded($"{current.Active.Count} fault(s) injected: {string.Join("; ", current.Active.Select(fault => fault.Describe()))}"));
    }
}

using HybridInference.Inference.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Inference.Health;

/// <summary>
/// Part of <c>/health</c>: unhealthy until every served model version has loaded and warmed up, with
/// each version's state in the description so the dashboard shows which one is missing and why.
/// </summary>
internal sealed class ModelsHealthCheck(ModelCatalog catalog) : IHealthCheck
{
    public const string Name = "models";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = string.Join("; ", catalog.All.Select(m =>
            m.IsReady ? $"{m.Name}/{m.Version}: READY" : $"{m.Name}/{m.Version}: {m.State.ToString().ToUpperInvariant()} ({m.Reason})"));
        return Task.FromResult(catalog.IsReady ? HealthCheckResult.Healthy(states) : HealthCheckResult.Unhealthy(states));
    }
}

using HybridInference.Clients;
using HybridInference.Clients.Chaos;
using HybridInference.Clients.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ChaosLabClient"/> with its resilience pipeline <see cref="PipelineName"/>.</summary>
public static class ChaosLabClientExtensions
{
    /// <summary>The pipeline's name; its numbers are under <c>Clients:chaoslab:Resilience</c>.</summary>
    public const string PipelineName = "chaoslab";

    /// <summary>
    /// Adds <see cref="ChaosLabClient"/>; <paramref name="configure"/> sets its base address (ChaosLab's URL: the
    /// orchestrator picks its port, so a command line is given it).
    /// </summary>
    public static IHttpClientBuilder AddChaosLabClient(this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null) =>
        services.AddApiClient<ChaosLabClient>(nameof(ChaosLabClient), PipelineName, configure, o =>
        {
            // Reads (a run's report, polled every second while it goes) are retried with backoff; the commands are
            // POSTs and DELETEs, never retried: a run started twice would be refused, a fault set twice would conflict.
            // No breaker: an operator's few calls never make the throughput a ratio could be judged on.
            o.CircuitBreaker = false;
        });
}

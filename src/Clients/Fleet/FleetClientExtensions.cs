using HybridInference.Clients;
using HybridInference.Clients.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Fleet;

/// <summary>Registers <see cref="FleetClient"/> with IHttpClientFactory and its resilience pipeline.</summary>
public static class FleetClientExtensions
{
    /// <summary>The pipeline's name: its numbers are under <c>Clients:fleet:Resilience</c>.</summary>
    public const string PipelineName = "fleet";

    /// <summary>
    /// Adds the typed <see cref="FleetClient"/>. <paramref name="configure"/> sets its base address (service
    /// discovery's <c>http://registry</c> inside the app, a URL from a command line). The pipeline starts from the
    /// standard numbers (reads retried with jittered backoff, desired-state PUTs not: a change that reached the
    /// registry must not be audited twice); <paramref name="resilience"/> sets a caller's own starting values, and
    /// configuration overrides both.
    /// </summary>
    public static IHttpClientBuilder AddFleetClient(
        this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null, Action<ClientResilienceOptions>? resilience = null) =>
        services.AddApiClient<FleetClient>(nameof(FleetClient), PipelineName, configure, resilience);
}

using HybridInference.Clients;
using HybridInference.Clients.RouterAdmin;
using HybridInference.Clients.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RouterAdminClient"/> with its resilience pipeline <see cref="PipelineName"/>.</summary>
public static class RouterAdminClientExtensions
{
    /// <summary>The pipeline's name; its numbers are under <c>Clients:router-admin:Resilience</c>.</summary>
    public const string PipelineName = "router-admin";

    /// <summary>The HttpClient name, for a caller that creates the client from <c>IHttpClientFactory</c> (a singleton that must not hold one).</summary>
    public const string ClientName = nameof(RouterAdminClient);

    /// <summary>
    /// Adds <see cref="RouterAdminClient"/>; <paramref name="configure"/> sets its base address (<c>http://router</c> inside
    /// the mesh, or the URL a command line was given). <paramref name="resilience"/> adjusts this client's defaults for one
    /// caller (a poller that must not retry, say); configuration under <c>Clients:router-admin:Resilience</c> still overrides both.
    /// </summary>
    public static IHttpClientBuilder AddRouterAdminClient(
        this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null, Action<ClientResilienceOptions>? resilience = null) =>
        services.AddApiClient<RouterAdminClient>(ClientName, PipelineName, configure, o =>
        {
            // Reads are retried with backoff; setting and clearing weights (PUT, DELETE) are not, as the standard
            // pipeline leaves unsafe methods alone. No breaker by default: an admin API's few calls never make the
            // throughput a failure ratio could be judged on.
            o.CircuitBreaker = false;
            resilience?.Invoke(o);
        });
}

using HybridInference.Clients.Credentials;
using HybridInference.Clients.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients;

/// <summary>How every typed client is registered: IHttpClientFactory, its own resilience pipeline, then the caller's token.</summary>
public static class ApiClientRegistration
{
    /// <summary>
    /// Adds <typeparamref name="TClient"/> under the HttpClient name <paramref name="name"/> with the resilience pipeline
    /// <paramref name="pipelineName"/> (starting from <paramref name="resilience"/>; configuration overrides) and the
    /// bearer token inside it, so each attempt carries the current token. <paramref name="configure"/> sets the base address.
    /// </summary>
    public static IHttpClientBuilder AddApiClient<TClient>(
        this IServiceCollection services,
        string name,
        string pipelineName,
        Action<IServiceProvider, HttpClient>? configure,
        Action<ClientResilienceOptions>? resilience = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = services.AddHttpClient<TClient>(name, (provider, http) => configure?.Invoke(provider, http));
        builder.AddClientResilience(pipelineName, resilience);
        return builder.AddAccessToken();
    }
}

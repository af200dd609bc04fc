using HybridInference.Clients;
using HybridInference.Clients.Resilience;
using HybridInference.Clients.Rollouts;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RolloutsClient"/> with its resilience pipeline <see cref="PipelineName"/>.</summary>
public static class RolloutsClientExtensions
{
    /// <summary>The pipeline's name; its numbers are under <c>Clients:rollouts:Resilience</c>.</summary>
    public const string PipelineName = "rollouts";

    /// <summary>
    /// Adds <see cref="RolloutsClient"/>; <paramref name="configure"/> sets its base address (for example
    /// <c>http://registry</c> inside the mesh, or the URL a command line was given).
    /// </summary>
    public static IHttpClientBuilder AddRolloutsClient(this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null) =>
        services.AddRolloutsClient(nameof(RolloutsClient), configure);

    /// <summary>
    /// Adds <see cref="RolloutsClient"/> under the HttpClient name <paramref name="name"/>, for a caller that creates
    /// the client by name from <c>IHttpClientFactory</c>; the same pipeline and defaults.
    /// </summary>
    public static IHttpClientBuilder AddRolloutsClient(this IServiceCollection services, string name, Action<IServiceProvider, HttpClient>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return services.AddApiClient<RolloutsClient>(name, PipelineName, configure, o =>
        {
            // A watcher reads a rollout every 500 ms: a slow read is given up after 5 s and never retried into the
            // next read, which is the retry. A person at a command line reruns a command that timed out; the
            // commands are POSTs, which are not retried anyway, since one that reached the registry must not act twice.
            o.TotalTimeout = TimeSpan.FromSeconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetryAttempts = 0;
        });
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Registry;

/// <summary>Registration of <see cref="RegistryModelsClient"/>.</summary>
public static class RegistryModelsClientExtensions
{
    /// <summary>The client's resilience pipeline; its numbers are under <c>Clients:registry-models:Resilience</c>.</summary>
    public const string PipelineName = "registry-models";

    /// <summary>
    /// Adds <see cref="RegistryModelsClient"/> with the pipeline <see cref="PipelineName"/> (the standard handler's
    /// numbers: reads retried, changes not). <paramref name="configure"/> sets the base address, e.g.
    /// <c>http://registry</c> inside the mesh.
    /// </summary>
    public static IHttpClientBuilder AddRegistryModelsClient(this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null) =>
        services.AddApiClient<RegistryModelsClient>(nameof(RegistryModelsClient), PipelineName, configure);
}

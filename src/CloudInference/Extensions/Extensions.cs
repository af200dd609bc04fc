using HybridInference.Clients.Credentials;
using HybridInference.Clients.Resilience;
using HybridInference.CloudInference.Registry;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>The cloud inference service: every version of the repository's models, dynamically batched.</summary>
public static class CloudInferenceExtensions
{
    /// <summary>
    /// Serves the models of <c>ModelRepository:Path</c> (all versions by default) through the shared
    /// serving stack; batching, batch sizes and delays come from the <c>Serving</c> section. With a registry
    /// (section <c>CloudRegistry</c>), the versions its aliases name are served beside them.
    /// </summary>
    public static TBuilder AddCloudInference<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddInferenceServing();

        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddValidatedOptions<CloudRegistryOptions, CloudRegistryOptionsValidator>(configuration.GetSection(CloudRegistryOptions.SectionName), annotations: true)
            // WithReference(registry) in the AppHost gives the registry's address by name.
            .PostConfigure(options => options.RegistryAddress ??= configuration["services:registry:http:0"]);
        services.AddModelTrust(configuration, CloudRegistryOptions.SigningSectionName, sp => sp.GetRequiredService<IOptions<CloudRegistryOptions>>().Value.FollowsRegistry);
        services.AddHttpClient(RegistryVersionFollower.ClientName).AddClientResilience(RegistryVersionFollower.ClientName);
        services.AddHttpClient(RegistryVersionFollower.ClientName).AddAccessToken();
        services.TryAddSingleton<RegistryVersionFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryVersionFollower>());
        return builder;
    }
}

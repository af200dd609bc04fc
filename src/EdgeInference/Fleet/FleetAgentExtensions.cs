using HybridInference.Clients.Credentials;
using HybridInference.Clients.Fleet;
using HybridInference.Clients.Resilience;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Models;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the edge node's fleet agent (section <c>Fleet</c>).</summary>
public static class FleetAgentExtensions
{
    public static TBuilder AddFleetAgent<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddValidatedOptions<FleetAgentOptions, FleetAgentOptionsValidator>(configuration.GetSection(FleetAgentOptions.SectionName), annotations: true)
            .PostConfigure(options =>
            {
                // WithReference(registry) in the AppHost gives the registry's endpoints by name.
                options.RegistryHttpAddress ??= configuration["services:registry:http:0"];
                options.RegistryGrpcAddress ??= configuration["services:registry:grpc:0"];
            });

        // With a bootstrap secret the node enrols itself, and its clients send the stored credential (re-read when it changes).
        services.AddOptions<FleetEnrolmentOptions>().BindConfiguration(FleetEnrolmentOptions.SectionName);
        services.TryAddSingleton<DeviceCredentialFile>();
        services.TryAddSingleton<DeviceEnrolment>();
        services.AddHttpClient(DeviceEnrolment.ClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddOptions<ClientCredentialsOptions>().PostConfigure<IOptions<FleetEnrolmentOptions>, DeviceCredentialFile>((credentials, enrolment, file) =>
        {
            if (enrolment.Value.Enabled)
            {
                credentials.TokenFile = file.Path;
            }
        });

        services.AddModelTrust(configuration, FleetAgentOptions.SigningSectionName, sp => sp.GetRequiredService<IOptions<FleetAgentOptions>>().Value.FollowsRegistry);
        services.AddHttpClient(ArtifactDownloader.ClientName).AddClientResilience(ArtifactDownloader.ClientName);
        services.AddHttpClient(ArtifactDownloader.ClientName).AddAccessToken();
        services.TryAddSingleton<RunningModel>();
        services.TryAddSingleton<LocalModelCache>();
        services.TryAddSingleton<CachedStartupModels>();
        services.TryAddSingleton<IStartupModels>(sp => sp.GetRequiredService<CachedStartupModels>());
        services.TryAddSingleton<ArtifactDownloader>();
        services.TryAddSingleton<TelemetryCollector>();
        services.TryAddSingleton<TelemetryOutbox>();
        services.TryAddSingleton<DesiredStateApplier>();
        services.TryAddSingleton<StartModelSettler>();
        services.TryAddSingleton<DeviceRegistration>();
        services.TryAddSingleton<TelemetryForwarder>();
        services.TryAddSingleton<DesiredStateFollower>();
        services.TryAddSingleton<RegistrySession>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddFleetPipelines();
        services.AddFleetGrpcClient(provider => provider.GetRequiredService<IOptions<FleetAgentOptions>>().Value.RegistryGrpcAddress is { Length: > 0 } address ? new Uri(address) : null);
        services.AddHostedService<FleetAgent>();
        return builder;
    }
}

using HybridInference.Clients.Credentials;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Rollouts;
using HybridInference.Registry.Artifacts;
using HybridInference.Registry.Fleet;
using HybridInference.Registry.Models;
using HybridInference.PredictionLog;
using HybridInference.Registry.Rollouts;
using HybridInference.Registry.Seeding;
using HybridInference.Registry.Signing;
using HybridInference.Rollouts;
using HybridInference.Rollouts.Control;
using HybridInference.Shared.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Extensions;

public static class RegistryServiceExtensions
{
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>()
            .Bind(builder.Configuration.GetSection(RegistryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Model files are larger than the form reader's default; allow one artifact plus the card and form overhead,
        // no more. Only the upload endpoint takes a body that large (ModelsApi); JSON endpoints keep Limits:JsonBodyBytes.
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<RegistryOptions>>((form, registry) =>
            form.MultipartBodyLengthLimit = registry.Value.MaxUploadBytes);

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, RegistryJsonContext.Default));
        builder.Services.AddSingleton<ArtifactStore>();
        builder.Services.AddSingleton<ModelRegistryStore>();
        builder.Services.AddOptions<SigningOptions>()
            .Bind(builder.Configuration.GetSection(SigningOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();
        builder.Services.AddSingleton<ModelSigner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelSigner>());
        builder.Services.AddSingleton<ModelRegistrar>();
        builder.Services.AddSingleton<RepositorySeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RepositorySeeder>());
        builder.Services.AddHealthChecks().AddCheck<RepositorySeeder>("seed");
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The fleet manager: devices, their gRPC stream (h2c) and their desired state, all in the store.</summary>
    public static IHostApplicationBuilder AddFleetManager(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FleetOptions>()
            .Bind(builder.Configuration.GetSection(FleetOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<FleetStore>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FleetJsonContext.Default));
        builder.Services.AddGrpc();
        builder.AddDeviceEnrolment();
        return builder;
    }

    /// <summary>Rollouts of new versions through the fleet, judged on the prediction log the routers write.</summary>
    public static IHostApplicationBuilder AddRollouts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PredictionStore>();
        builder.Services.AddSingleton<IRolloutActuator, RegistryRolloutActuator>();

        // Cloud models roll out through the router's weights; the AppHost's references give both addresses.
        var configuration = builder.Configuration;
        builder.Services.AddValidatedOptions<CloudTrafficOptions, CloudTrafficOptionsValidator>(configuration.GetSection(CloudTrafficOptions.SectionName), annotations: true)
            .PostConfigure(options =>
            {
                options.RouterAddress ??= configuration["services:router:http:0"];
                options.CloudAddress ??= configuration["services:cloud-inference:http:0"];
            });
        // One attempt per call: the controller's next tick is the retry, and a stacked retry would outlast the tick.
        builder.Services.AddHttpClient(RouterCloudTraffic.ClientName).AddAccessToken();
        builder.Services.AddRouterAdminClient(
            (provider, http) =>
            {
                var cloudTraffic = provider.GetRequiredService<IOptions<CloudTrafficOptions>>().Value;
                if (!string.IsNullOrWhiteSpace(cloudTraffic.RouterAddress))
                {
                    http.BaseAddress = new Uri(cloudTraffic.RouterAddress);
                }

                // CloudTraffic:TimeoutSeconds times each call to the router, as it times the cloud's.
                http.Timeout = TimeSpan.FromSeconds(cloudTraffic.TimeoutSeconds);
            },
            resilience =>
            {
                // The router too gets one attempt per call (the tick is the retry), so this pipeline does not retry.
                resilience.MaxRetryAttempts = 0;
                // The pipeline's timeouts stand back: CloudTraffic:TimeoutSeconds (at most 120 s) is the call's timeout.
                resilience.TotalTimeout = resilience.AttemptTimeout = TimeSpan.FromSeconds(121);
            });
        builder.Services.AddSingleton<ICloudTraffic, RouterCloudTraffic>();
        builder.Services.AddRollouts();
        // The rollout API writes its contracts through the source-generated context its clients read with.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, RolloutsJsonContext.Default));
        return builder;
    }
}

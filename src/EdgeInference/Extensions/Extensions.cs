using HybridInference.EdgeInference;
using HybridInference.EdgeInference.Device;
using HybridInference.Inference.Batching;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Serving;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>The edge node: one device identity, one model, a simulated accelerator on the serving path.</summary>
public static class EdgeInferenceExtensions
{
    public static TBuilder AddEdgeInference<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<EdgeOptions>()
            .Bind(builder.Configuration.GetSection(EdgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The attributes first, with messages that name the full key; then the cross-field rules.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeviceOptions>>(new SectionAnnotationsValidator<DeviceOptions>(DeviceOptions.SectionName)));
        services.AddValidatedOptions<DeviceOptions, DeviceOptionsValidator>(builder.Configuration.GetSection(DeviceOptions.SectionName), annotations: false);

        builder.AddInferenceServing();

        // An edge node serves one model: Edge:Model at Edge:ModelVersion, or its latest version.
        services.AddOptions<ModelRepositoryOptions>().Configure<IOptions<EdgeOptions>>((repository, edge) =>
        {
            repository.Models = [edge.Value.Model];
            repository.VersionPolicy = edge.Value.ModelVersion is null ? VersionPolicy.Latest : VersionPolicy.Specific;
            repository.Versions = edge.Value.ModelVersion is { } version ? [version] : [];
        });

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, DeviceJsonContext.Default));
        services.TryAddSingleton<DeviceSimulator>();
        services.TryAddSingleton<DeviceMetrics>();
        services.TryAddSingleton<IExecutionThrottle, DeviceThrottle>();
        services.AddHostedService<DeviceTicker>();
        services.TryAddSingleton<IInputPerturbation, NoisyInputs>();
        services.AddHostedService<FaultDeviceApplier>();
        builder.AddFleetAgent();
        return builder;
    }
}

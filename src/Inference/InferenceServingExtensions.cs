using HybridInference.Contracts.Security;
using Grpc.AspNetCore.Server;
using HybridInference.Inference.Grpc;
using HybridInference.Inference.Health;
using HybridInference.Inference.Http;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Serving;
using HybridInference.Inference.Telemetry;
using HybridInference.Shared.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of model serving, shared by EdgeInference and CloudInference.</summary>
public static class InferenceServingExtensions
{
    /// <summary>
    /// Registers the model repository (section <c>ModelRepository</c>), serving settings (section
    /// <c>Serving</c>), the model catalog and its loader, the engine, metrics, the gRPC service and a
    /// <c>models</c> health check. Settings are validated at start with messages naming the key.
    /// </summary>
    public static TBuilder AddInferenceServing<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddValidatedOptions<ModelRepositoryOptions, ModelRepositoryOptionsValidator>(
            builder.Configuration.GetSection(ModelRepositoryOptions.SectionName), annotations: true);

        var applicationName = builder.Environment.ApplicationName;
        var servingSection = builder.Configuration.GetSection(ServingOptions.SectionName);
        services.AddOptions<ServingOptions>()
            .Bind(servingSection)
            .Configure(options =>
            {
                // A per-model entry overrides the defaults key by key, as Triton's per-model config does,
                // rather than starting over from the built-in defaults.
                foreach (var model in servingSection.GetSection(nameof(ServingOptions.Models)).GetChildren())
                {
                    var merged = options.Defaults.Clone();
                    model.Bind(merged);
                    options.Models[model.Key] = merged;
                }
            })
            .PostConfigure(options => options.ServerName ??= applicationName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>>(new SectionAnnotationsValidator<ServingOptions>(ServingOptions.SectionName)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<InferenceMetrics>();
        services.TryAddSingleton<InferenceEngine>();
        services.TryAddSingleton<ModelLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelLoader>());
        services.TryAddSingleton(sp => new ModelSwapper(sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<ModelLoader>(), sp.GetRequiredService<IOptions<ServingOptions>>()));

        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<ServingOptions>>((grpc, serving) =>
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, serving.Value.MaxRequestBodyBytes));

        services.AddHealthChecks().AddCheck<ModelsHealthCheck>(ModelsHealthCheck.Name, tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps the Open Inference Protocol v2: HTTP/JSON under <c>/v2</c> and the gRPC service.</summary>
    public static IEndpointRouteBuilder MapInference(this IEndpointRouteBuilder app)
    {
        app.MapOpenInferenceProtocol();
        app.MapGrpcService<OipGrpcService>().RequireAuthorization(Scopes.Inference);
        return app;
    }
}

using HybridInference.Clients.Credentials;
using HybridInference.Router.CloudVersions;
using HybridInference.Router.Edges;
using HybridInference.Router.Inference;
using HybridInference.Router.Links;
using HybridInference.Router.Routing;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Yarp.ReverseProxy.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the router's serving path: edge nodes in YARP, tier clients, the hybrid service, the prediction log.</summary>
public static class HybridRoutingExtensions
{
    public static TBuilder AddHybridRouting<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<EdgeNodesOptions>().Bind(builder.Configuration.GetSection(EdgeNodesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddValidatedOptions<EdgeBreakerOptions, EdgeBreakerOptionsValidator>(builder.Configuration.GetSection(EdgeBreakerOptions.SectionName), annotations: false);
        services.AddSingleton<EdgeBreakers>();
        services.AddValidatedOptions<CloudOptions, CloudOptionsValidator>(builder.Configuration.GetSection(CloudOptions.SectionName), annotations: true);
        services.AddValidatedOptions<CloudLinkOptions, CloudLinkOptionsValidator>(builder.Configuration.GetSection(CloudLinkOptions.SectionName), annotations: false);
        services.AddSingleton<CloudLink>();
        services.AddSingleton<CloudLinkProber>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudLinkProber>());
        services.AddOptions<SimulatedLinkOptions>(HybridInferenceService.CloudClientName).Bind(builder.Configuration.GetSection(SimulatedLinkOptions.CloudSection)).ValidateDataAnnotations().ValidateOnStart();

        builder.AddFleetView();
        services.AddSingleton<EdgeDirectory>();
        services.AddSingleton(sp => new InMemoryConfigProvider([], [sp.GetRequiredService<EdgeDirectory>().Cluster()]));
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<InMemoryConfigProvider>());
        services.AddReverseProxy().AddWeightedLoadBalancing();

        services.AddSingleton<EdgeSelector>();
        services.AddSingleton<CloudVersionWeights>();
        services.AddSingleton<EdgeHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeHealthMonitor>());
        services.AddSingleton<ModelMetadataCache>();
        services.AddSingleton<RequestIdGuard>(_ => new RequestIdGuard());
        services.AddSingleton<HybridInferenceService>();
        services.AddSingleton<PredictionRecorder>();
        services.AddSingleton<AuditQueue>();
        services.AddSingleton<RouterRequestHandler>();
        // Without this, gRPC maps a POST catch-all for unknown services that turns 405s on admin paths into 404s.
        services.AddGrpc(grpc => grpc.IgnoreUnknownServices = true);
        services.AddHostedService(sp => sp.GetRequiredService<AuditQueue>());
        builder.AddPredictionLog();
        builder.AddTierClients();
        return builder;
    }

    /// <summary>
    /// The edge client fails fast and never retries: another node is the retry. The cloud client crosses the
    /// simulated WAN link, retries with jitter (inference is idempotent; <c>Cloud:RetryAttempts</c>, once by default)
    /// and breaks the circuit when the cloud keeps failing (<c>Cloud:Breaker*</c>), so requests stop waiting on it and
    /// take the edge answer instead. Every number comes from validated options.
    /// </summary>
    private static void AddTierClients(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // One pipeline per node (selected by the request's address), so each node has a circuit breaker of its own;
        // the breaker sits outside the timeout so that a node too slow to answer counts as failing.
        // The tier clients log no HTTP scopes or lines of their own: the router logs each failed call with its
        // request id, and the two logging handlers per call showed in the router's profile.
        services.AddHttpClient(HybridInferenceService.EdgeClientName)
            .RemoveAllLoggers()
            .AddResilienceHandler("edge", (pipeline, context) =>
            {
                var edges = context.ServiceProvider.GetRequiredService<IOptions<EdgeNodesOptions>>().Value;
                var selector = context.ServiceProvider.GetRequiredService<EdgeSelector>();
                var node = context.InstanceName;
                context.ServiceProvider.GetRequiredService<EdgeBreakers>().AddTo(pipeline, node, opened: period => selector.Eject(node, period));
                pipeline.AddTimeout(TimeSpan.FromMilliseconds(edges.TimeoutMs));
            })
            .SelectPipelineBy(sp => sp.GetRequiredService<EdgeDirectory>().NodeOf);
        // More concurrent calls to a node than its HTTP/2 stream limit open another connection instead of queueing.
        services.AddHttpClient(HybridInferenceService.EdgeClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                if (handler is SocketsHttpHandler sockets)
                {
                    sockets.EnableMultipleHttp2Connections = true;
                }
            })
            // The router's own token, for edges that require one for inference (Auth:InferenceRequiresToken).
            .AddAccessToken();

        services.AddHttpClient(EdgeHealthMonitor.ClientName)
            .AddResilienceHandler("edge-probe", (pipeline, context) => pipeline.AddTimeout(
                TimeSpan.FromMilliseconds(context.ServiceProvider.GetRequiredService<IOptions<EdgeNodesOptions>>().Value.HealthTimeoutMs)));
        // A device's health is an admin read.
        services.AddHttpClient(EdgeHealthMonitor.ClientName).AddAccessToken();

        var cloudClient = services.AddHttpClient(HybridInferenceService.CloudClientName).RemoveAllLoggers();
        cloudClient.AddResilienceHandler("cloud", (pipeline, context) =>
            {
                var cloud = context.ServiceProvider.GetRequiredService<IOptions<CloudOptions>>().Value;
                var link = context.ServiceProvider.GetRequiredService<CloudLink>();
                // Polly refuses a retry strategy of 0 attempts: none configured means no retry strategy at all.
                if (cloud.RetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = cloud.RetryAttempts, Delay = TimeSpan.FromMilliseconds(cloud.RetryDelayMs), UseJitter = true });
                }

                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = cloud.BreakerFailureRatio,
                        MinimumThroughput = cloud.BreakerMinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(cloud.BreakerSamplingSeconds),
                        BreakDuration = TimeSpan.FromSeconds(cloud.BreakerBreakSeconds),
                        OnOpened = _ =>
                        {
                            link.BreakerOpened();
                            return default;
                        },
                    })
                    .AddTimeout(TimeSpan.FromMilliseconds(cloud.TimeoutMs));
            });
        cloudClient.AddAccessToken();
        cloudClient.AddHttpMessageHandler(sp => new SimulatedLinkHandler(
                sp.GetRequiredService<IOptionsMonitor<SimulatedLinkOptions>>(), HybridInferenceService.CloudClientName, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IRandomSource>()));

        // The probe crosses the same simulated link, so a cut link keeps the probe failing too.
        services.AddHttpClient(CloudLinkProber.ClientName)
            .AddHttpMessageHandler(sp => new SimulatedLinkHandler(
                sp.GetRequiredService<IOptionsMonitor<SimulatedLinkOptions>>(), HybridInferenceService.CloudClientName, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IRandomSource>()));
    }
}

using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace HybridInference.Rollouts;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// The rollout engine and its controller; the host provides an <see cref="IRolloutActuator"/> (the
    /// registry's, over its model store and fleet manager) and the prediction log's store.
    /// </summary>
    public static IServiceCollection AddRollouts(this IServiceCollection services)
    {
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<RolloutMetrics>();
        services.AddSingleton<IRolloutSamples, PredictionLogSamples>();
        services.AddSingleton<IRolloutWebhooks, WebhookNotifier>();
        services.AddSingleton<RolloutEngine>();
        services.AddHostedService<RolloutController>();

        // Webhook calls have their own retries and timeout.
        services.AddHttpClient(WebhookNotifier.ClientName);
        return services;
    }
}

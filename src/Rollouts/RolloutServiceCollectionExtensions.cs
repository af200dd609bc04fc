using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// The rollout engine and its controller; the host provides an <see cref="IRolloutActuator"/> (the
    /// registry's, over its model store and fleet manager), the prediction log's store and, for cloud models,
    /// an <see cref="ICloudTraffic"/>.
    /// </summary>
    public static IServiceCollection AddRollouts(this IServiceCollection services)
    {
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>());
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<RolloutMetrics>();
        services.AddSingleton<IPredictionWindow, PredictionLogWindow>();

        // One canary target per kind of model; the engine finds a rollout's by its model.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICanaryTarget, DeviceCanaryTarget>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICanaryTarget, CloudTrafficCanaryTarget>());
        services.AddSingleton<CanaryTargets>();
        services.AddSingleton<RolloutSteps>();
        services.AddSingleton<RolloutEngine>();
        services.AddHostedService<RolloutController>();

        services.AddWebhooks();
        return services;
    }
}

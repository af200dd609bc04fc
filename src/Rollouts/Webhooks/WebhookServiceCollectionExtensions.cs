using HybridInference.Rollouts.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The webhook notifier, its validated limits (<see cref="WebhookOptions"/>), its pipeline and its client: a
    /// transport of its own that checks every address it connects to, follows no redirect and uses no proxy, and
    /// without the service-discovery handler every other client has (a webhook URL is never a service name).
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.AddSingleton<WebhookDestinations>();
        services.AddSingleton<WebhookSpecPolicy>();
        services.AddSingleton<IRolloutWebhooks, WebhookNotifier>();
        services.AddWebhookPipeline();

        // Calls go through their own pipeline (retries and the attempt timeout), so the client has no timeout of its own.
        services.AddHttpClient(WebhookNotifier.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookConnector.CreateHandler(provider.GetRequiredService<WebhookDestinations>()))
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                for (var i = handlers.Count - 1; i >= 0; i--)
                {
                    if (handlers[i].GetType().FullName?.StartsWith("Microsoft.Extensions.ServiceDiscovery", StringComparison.Ordinal) == true)
                    {
                        handlers.RemoveAt(i);
                    }
                }
            });
        return services;
    }
}

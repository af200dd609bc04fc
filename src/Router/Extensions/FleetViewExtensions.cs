using HybridInference.Router.Fleet;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the router's copy of the registry's fleet view.</summary>
public static class FleetViewExtensions
{
    /// <summary>
    /// Binds <c>Fleet</c> (validated at start), and registers the <see cref="FleetView"/>, the poller that fills it
    /// and the <c>fleet</c> health check (degraded while the registry is unreachable).
    /// </summary>
    public static TBuilder AddFleetView<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FleetOptions>().Bind(builder.Configuration.GetSection(FleetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FleetView>();
        services.TryAddSingleton<FleetPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetPoller>());
        // No retries and no 30 s budget: one poll must not outlive several poll intervals; the next poll is the retry.
        services.AddHttpClient(FleetPoller.ClientName);
        services.AddHealthChecks().AddCheck<FleetHealthCheck>(FleetHealthCheck.Name);
        return builder;
    }
}

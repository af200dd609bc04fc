using HybridInference.Clients.Fleet;
using HybridInference.Clients.Resilience;
using HybridInference.Router.Fleet;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the router's copy of the registry's fleet view.</summary>
public static class FleetViewExtensions
{
    private static readonly TimeSpan PipelineTimeoutMargin = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Binds <c>Fleet</c> (validated at start), and registers the <see cref="FleetView"/>, the poller that fills it
    /// and the <c>fleet</c> health check (degraded while the registry is unreachable).
    /// </summary>
    public static TBuilder AddFleetView<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<FleetOptions, FleetOptionsValidator>(builder.Configuration.GetSection(FleetOptions.SectionName), annotations: false);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FleetView>();
        services.TryAddSingleton<FleetPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetPoller>());
        services.AddFleetClient(
            (provider, http) => http.BaseAddress = provider.GetRequiredService<FleetPoller>().RegistryAddress,
            resilience =>
            {
                // One attempt per poll and no 30 s budget: the next poll is the retry, and a poll must not outlive
                // several poll intervals. No breaker either: an open one would only swap the registry's own error
                // for "circuit open" in the health check, while the poll already keeps the last good list.
                resilience.MaxRetryAttempts = 0;
                resilience.CircuitBreaker = false;
            });
        // The poll's time limit is Fleet:TimeoutMs, applied by the poller on its TimeProvider (so it names the limit
        // when it strikes); the pipeline's timeouts stand just above it and only catch what that one misses.
        services.AddOptions<ClientResilienceOptions>(FleetClientExtensions.PipelineName).PostConfigure<IOptions<FleetOptions>>((resilience, fleet) =>
            resilience.AttemptTimeout = resilience.TotalTimeout = TimeSpan.FromMilliseconds(fleet.Value.TimeoutMs) + PipelineTimeoutMargin);
        services.AddHealthChecks().AddCheck<FleetHealthCheck>(FleetHealthCheck.Name);
        return builder;
    }
}

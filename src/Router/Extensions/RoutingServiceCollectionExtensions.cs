using HybridInference.Router.Routing;
using HybridInference.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the router's transport-independent decision core.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Routing</c> (validated at start; reloads apply without a restart) and registers the decision
    /// policy, the health rules, the audit sampler and the per-site escalation limiter.
    /// </summary>
    public static TBuilder AddRoutingDecisions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(builder.Configuration.GetSection(RoutingOptions.SectionName), annotations: false);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource, SharedRandomSource>();
        services.TryAddSingleton<IRoutingTable, RoutingTable>();
        services.TryAddSingleton<IEscalationLimiter, EscalationLimiter>();
        services.TryAddSingleton<IAuditSampler, AuditSampler>();
        services.TryAddSingleton<IRoutingPolicy, RoutingPolicy>();
        return builder;
    }
}

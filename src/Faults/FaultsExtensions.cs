using HybridInference.Faults;
using HybridInference.Faults.Distribution;
using HybridInference.Faults.Inbound;
using HybridInference.Faults.Outbound;
using HybridInference.Faults.Store;
using HybridInference.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the fault mechanism every service shares (section <c>Faults</c>).</summary>
public static class FaultsExtensions
{
    /// <summary>
    /// Follows the faults ChaosLab writes to the store and applies this service's: outbound links (every
    /// HttpClient), inbound endpoints (with <see cref="UseFaults"/>), store commands, and the model and device
    /// hooks an edge node wires to <see cref="FaultState.Changed"/> and <see cref="ModelNoise"/>. Call after
    /// <c>AddStore()</c>. Only when <c>Faults:Enabled</c> is true (it defaults to false): otherwise nothing of the
    /// mechanism is registered, no store is read for faults, and <see cref="UseFaults"/> adds no middleware.
    /// </summary>
    public static TBuilder AddFaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<FaultsOptions>()
            .Bind(configuration.GetSection(FaultsOptions.SectionName))
            .PostConfigure(options => options.Service ??=
                configuration["Presence:Service"] ?? configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaultsOptions>, FaultsOptionsValidator>());
        if (!configuration.GetValue(FaultsOptions.SectionName + ":" + nameof(FaultsOptions.Enabled), false))
        {
            return builder;
        }

        services.AddFaultStore();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFaultRandom, SharedFaultRandom>();
        services.TryAddSingleton(sp => new FaultState(sp.GetRequiredService<IOptions<FaultsOptions>>().Value.Service!, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<FaultMetrics>();
        services.TryAddSingleton<LinkChaosPipeline>();
        services.TryAddSingleton<DestinationNames>();
        services.TryAddSingleton<ModelNoise>();
        services.TryAddSingleton<OutboundFaults>();
        services.TryAddSingleton<IStoreInterceptor, StoreOutageInterceptor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, FaultHandlerFilter>());
        services.AddHostedService<FaultPoller>();
        services.AddHealthChecks().AddCheck<FaultHealthCheck>(FaultHealthCheck.Name);
        return builder;
    }

    /// <summary>Registers only the store side of faults (ChaosLab writes them; it applies none), with its validated limits.</summary>
    public static IServiceCollection AddFaultStore(this IServiceCollection services)
    {
        services.AddOptions<StoredFaultLimits>().BindConfiguration(StoredFaultLimits.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoredFaultLimits>, StoredFaultLimitsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoredFaultCheck>();
        services.TryAddSingleton<FaultStore>();
        return services;
    }

    /// <summary>Applies endpoint faults to the requests this service receives; early, so every endpoint is covered.</summary>
    public static IApplicationBuilder UseFaults(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<FaultState>() is null ? app : app.UseMiddleware<EndpointFaultMiddleware>();
}

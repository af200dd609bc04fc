using HybridInference.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store connection (from <c>ConnectionStrings:store</c>), its health check and the
    /// service's presence record. Options are validated at start: a missing or malformed connection
    /// string stops the service with a message naming the setting.
    /// </summary>
    public static TBuilder AddStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<StoreOptions>()
            .Bind(builder.Configuration.GetSection(StoreOptions.SectionName))
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(StoreOptions.ConnectionStringName) ?? options.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StoreConnection>();
        builder.Services.TryAddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<StoreConnection>().Multiplexer);
        builder.Services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, tags: ["ready"]);

        builder.Services.AddOptions<PresenceOptions>()
            .Bind(builder.Configuration.GetSection(PresenceOptions.SectionName))
            .Configure<IConfiguration>((options, configuration) =>
                options.Service ??= configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<PresenceDirectory>();
        builder.Services.AddHostedService<PresenceReporter>();
        return builder;
    }
}

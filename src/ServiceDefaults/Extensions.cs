
using HybridInference.ServiceDefaults.Limits;
using HybridInference.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every service shares: OpenTelemetry, health endpoints, service discovery, service discovery on
/// every HttpClient, ProblemDetails, authentication with one authorization policy per scope, and rate and body limits. Shaped like the Aspire template so users find what they expect.
/// </summary>
public static class Extensions
{
    /// <summary>Path of the readiness endpoint (every health check).</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Path of the liveness endpoint (checks tagged <c>live</c> only).</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Health-check tag for checks that say the process itself is alive.</summary>
    public const string LiveTag = "live";

    /// <summary>How long a stopping service waits for its last telemetry to reach the collector.</summary>
    public static readonly TimeSpan TelemetryShutdownTimeout = TimeSpan.FromSeconds(2);

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.AddProblemDetails();
        builder.Services.TryAddTimeProvider();
        builder.AddServiceAuthentication();
        builder.AddServiceLimits();

        // Service discovery on every client; resilience is not a default: each client declares its own pipeline
        // where it is registered, so no client has to strip a handler it was given.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(global::HybridInference.ServiceDefaults.Telemetry.SourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(global::HybridInference.ServiceDefaults.Telemetry.SourceName)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes every few seconds would drown the traces users look for.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        // Bounds the final export, so a missing collector cannot hold a stopping process past its grace period.
        builder.Services.AddHostedService<global::HybridInference.ServiceDefaults.TelemetryShutdown>();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Unlike the template, health stays mapped outside Development: Kubernetes probes and the
        // orchestrator both need it. Anyone sees the state; only admin:read sees the checks' details.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = global::HybridInference.ServiceDefaults.HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = global::HybridInference.ServiceDefaults.HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(descriptor => descriptor.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HybridInference.Clients.Resilience;

/// <summary>
/// Declares a typed client's resilience pipeline where the client is registered, the eShop way: a named
/// Polly pipeline (visible in telemetry under its name) whose numbers come from validated options. No client
/// inherits a global handler, so none has to strip one.
/// </summary>
public static class ClientResilienceExtensions
{
    /// <summary>The configuration section of a pipeline's numbers.</summary>
    public static string SectionOf(string pipelineName) => $"Clients:{pipelineName}:Resilience";

    /// <summary>
    /// Adds the pipeline <paramref name="pipelineName"/>: total timeout, retries (safe methods only unless
    /// configured otherwise) with jittered exponential backoff, an optional circuit breaker, and a per-attempt timeout.
    /// <paramref name="defaults"/> sets the client's own starting values; configuration overrides them.
    /// </summary>
    public static IHttpResiliencePipelineBuilder AddClientResilience(this IHttpClientBuilder builder, string pipelineName, Action<ClientResilienceOptions>? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineName);
        builder.Services.AddClientResilienceOptions(pipelineName, defaults);
        return builder.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var options = context.GetOptions<ClientResilienceOptions>(pipelineName);
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetryAttempts > 0)
            {
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                };
                if (!options.RetryUnsafeMethods)
                {
                    retry.DisableForUnsafeHttpMethods();
                }

                pipeline.AddRetry(retry);
            }

            if (options.CircuitBreaker)
            {
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakerBreakDuration,
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
    }

    /// <summary>
    /// Registers the named options of a pipeline: <paramref name="defaults"/>, then the configuration section
    /// when the container has an <see cref="IConfiguration"/> (a command line may not), validated on first use
    /// and at host start.
    /// </summary>
    public static OptionsBuilder<ClientResilienceOptions> AddClientResilienceOptions(this IServiceCollection services, string pipelineName, Action<ClientResilienceOptions>? defaults = null)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientResilienceOptions>, ClientResilienceOptionsValidator>());
        var options = services.AddOptions<ClientResilienceOptions>(pipelineName);
        if (defaults is not null)
        {
            options.Configure(defaults);
        }

        return options
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(SectionOf(pipelineName)).Bind(o))
            .ValidateOnStart();
    }
}

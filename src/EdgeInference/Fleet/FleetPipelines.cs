using HybridInference.Contracts.Fleet.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The fleet agent's two retry pipelines (Polly, registered by name so their retries show in telemetry): reconnecting
/// the fleet session, and applying a desired state again after a passing failure. Both back off exponentially with
/// jitter from <c>Fleet:ReconnectMinSeconds</c> to <c>Fleet:ReconnectMaxSeconds</c> (validated at start) on the
/// injected <see cref="TimeProvider"/>, and retry until they succeed or are cancelled.
/// </summary>
public static partial class FleetPipelines
{
    /// <summary>Reconnects the session: every failure except the node's own stopping is retried.</summary>
    public const string Reconnect = "fleet-reconnect";

    /// <summary>Enrols the device again after a refusal or an unreachable registry: every failure except the node's own stopping.</summary>
    public const string Enrolment = "fleet-enrolment";

    /// <summary>Applies a desired state again while its outcome is <see cref="ApplyOutcome.Transient"/>.</summary>
    public const string DesiredState = "fleet-desired-state";

    /// <summary>The desired state a <see cref="DesiredState"/> execution applies, for its retry log.</summary>
    public static readonly ResiliencePropertyKey<DesiredState> DesiredKey = new("fleet.desired");

    /// <summary>Registers both pipelines.</summary>
    public static IServiceCollection AddFleetPipelines(this IServiceCollection services)
    {
        services.AddResiliencePipeline(Reconnect, (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RegistrySession));
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(Backoff<RetryStrategyOptions, object>(context.ServiceProvider, new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                OnRetry = args =>
                {
                    // A session that registered and then ended is logged with its cause; one the registry closed
                    // cleanly (no cause) is not, as before.
                    var cause = args.Outcome.Exception is SessionEndedException ended ? ended.InnerException : args.Outcome.Exception;
                    if (cause is not null)
                    {
                        LogSessionFailed(logger, cause.GetType().Name, cause.Message, args.RetryDelay.TotalSeconds);
                    }

                    return ValueTask.CompletedTask;
                },
            }));
        });

        services.AddResiliencePipeline(Enrolment, (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeviceEnrolment));
            var device = context.ServiceProvider.GetRequiredService<IOptions<EdgeOptions>>().Value.DeviceId;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(Backoff<RetryStrategyOptions, object>(context.ServiceProvider, new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                OnRetry = args =>
                {
                    // A refusal needs a person (a wrong secret, a site the secret is not for, an id that holds a credential):
                    // an error; an unreachable registry only a warning.
                    if (args.Outcome.Exception is EnrolmentRefusedException refused)
                    {
                        LogEnrolmentRefused(logger, device, refused.Message, args.RetryDelay.TotalSeconds);
                    }
                    else
                    {
                        LogEnrolmentFailed(logger, device, args.Outcome.Exception?.GetType().Name ?? "", args.Outcome.Exception?.Message ?? "", args.RetryDelay.TotalSeconds);
                    }

                    return ValueTask.CompletedTask;
                },
            }));
        });

        services.AddResiliencePipeline<string, ApplyOutcome>(DesiredState, (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DesiredStateFollower));
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(Backoff<RetryStrategyOptions<ApplyOutcome>, ApplyOutcome>(context.ServiceProvider, new RetryStrategyOptions<ApplyOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Transient: true }),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(DesiredKey, out var desired))
                    {
                        LogApplyRetry(logger, desired.ModelName, desired.ModelVersion, args.RetryDelay.TotalSeconds);
                    }

                    return ValueTask.CompletedTask;
                },
            }));
        });
        return services;
    }

    /// <summary>The backoff both pipelines share, from the validated options.</summary>
    internal static TOptions Backoff<TOptions, TResult>(IServiceProvider services, TOptions retry) where TOptions : RetryStrategyOptions<TResult>
    {
        var options = services.GetRequiredService<IOptions<FleetAgentOptions>>().Value;
        return Backoff<TOptions, TResult>(options, retry);
    }

    /// <summary>Exponential backoff with jitter between the options' bounds, retrying without limit.</summary>
    internal static TOptions Backoff<TOptions, TResult>(FleetAgentOptions options, TOptions retry) where TOptions : RetryStrategyOptions<TResult>
    {
        retry.MaxRetryAttempts = int.MaxValue;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = TimeSpan.FromSeconds(options.ReconnectMinSeconds);
        retry.MaxDelay = TimeSpan.FromSeconds(options.ReconnectMaxSeconds);
        return retry;
    }

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Fleet session ended ({Kind}: {Reason}); reconnecting in {Seconds} s, serving meanwhile")]
    private static partial void LogSessionFailed(ILogger logger, string kind, string reason, double seconds);

    [LoggerMessage(EventId = 322, Level = LogLevel.Error, Message = "Enrolment of device {Device} refused: {Reason}; trying again in {Seconds} s, serving the local models meanwhile")]
    private static partial void LogEnrolmentRefused(ILogger logger, string device, string reason, double seconds);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Enrolment of device {Device} failed ({Kind}: {Reason}); trying again in {Seconds} s, serving the local models meanwhile")]
    private static partial void LogEnrolmentFailed(ILogger logger, string device, string kind, string reason, double seconds);

    [LoggerMessage(EventId = 316, Level = LogLevel.Warning, Message = "Could not apply {Model} version {Version} yet; trying again in {Seconds} s unless a newer desired state arrives")]
    private static partial void LogApplyRetry(ILogger logger, string model, long version, double seconds);
}

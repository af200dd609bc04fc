using HybridInference.Rollouts.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// The resilience pipeline of one webhook call: retries with jittered exponential backoff on a transport error,
/// an attempt timeout or a 5xx, around a timeout per attempt, numbers from <see cref="RolloutOptions"/>. Its
/// clock is the host's <see cref="TimeProvider"/>, so a fake clock drives the backoff and the timeouts.
/// </summary>
public static class WebhookPipeline
{
    /// <summary>The pipeline's name in the registry and in Polly's telemetry.</summary>
    public const string Name = "rollout-webhooks";

    /// <summary>Registers the pipeline under <see cref="Name"/>, built from the validated rollout options and the container's clock.</summary>
    public static IServiceCollection AddWebhookPipeline(this IServiceCollection services) =>
        services.AddResiliencePipeline<string, HttpResponseMessage>(Name, (builder, context) =>
        {
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<RolloutOptions>>().Value);
        });

    /// <summary>Adds the retry and the attempt timeout to <paramref name="builder"/>.</summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        // Polly refuses a retry strategy of no retries: one attempt is a pipeline without it.
        if (options.WebhookAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.WebhookAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(options.WebhookRetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            });
        }

        return builder.AddTimeout(TimeSpan.FromSeconds(options.WebhookTimeoutSeconds));
    }

    /// <summary>
    /// Worth another attempt: no answer (a transport error, the attempt's timeout, the client's own timeout) or a
    /// 5xx. A 4xx (or 3xx) is the receiver's answer and is final, a refusal (<see cref="WebhookRefusedException"/>) is
    /// a rule and is final; the caller's own cancellation is never retried.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: { } ex } when Refusal(ex) is not null => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>The refusal behind <paramref name="exception"/>: thrown by the notifier, or by the connector and wrapped by the handler.</summary>
    public static WebhookRefusedException? Refusal(Exception exception) => exception switch
    {
        WebhookRefusedException refused => refused,
        HttpRequestException { InnerException: WebhookRefusedException refused } => refused,
        _ => null,
    };
}

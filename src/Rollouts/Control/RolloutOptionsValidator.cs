using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Control;

/// <summary>Checks the rollout settings at start, every error at once, each naming its key and value.</summary>
public sealed class RolloutOptionsValidator : IValidateOptions<RolloutOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(RolloutOptions.Section);
        errors.Range(nameof(options.TickSeconds), options.TickSeconds, 0.05, 60);
        errors.Range(nameof(options.LeaseSeconds), options.LeaseSeconds, 1, 600);
        errors.Range(nameof(options.MaxAnalysesKept), options.MaxAnalysesKept, 10, 10_000);

        // Within Polly's own limits: an attempt timeout of at least 10 ms, retry delays of at most a day.
        errors.Range(nameof(options.WebhookTimeoutSeconds), options.WebhookTimeoutSeconds, 1, 120);
        errors.Range(nameof(options.WebhookAttempts), options.WebhookAttempts, 1, 10);
        errors.Range(nameof(options.WebhookRetryDelayMilliseconds), options.WebhookRetryDelayMilliseconds, 0, 60_000);
        return errors.Result;
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Control;

/// <summary>Checks the rollout settings at start, every error at once, each naming its key and value.</summary>
public sealed class RolloutOptionsValidator : IValidateOptions<RolloutOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Check(string key, double value, double min, double max)
        {
            // Written so that NaN fails too.
            if (!(value >= min && value <= max))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{RolloutOptions.Section}:{key} must be between {min} and {max} (was {value})"));
            }
        }

        Check(nameof(options.TickSeconds), options.TickSeconds, 0.05, 60);
        Check(nameof(options.LeaseSeconds), options.LeaseSeconds, 1, 600);
        Check(nameof(options.MaxAnalysesKept), options.MaxAnalysesKept, 10, 10_000);

        // Within Polly's own limits: an attempt timeout of at least 10 ms, retry delays of at most a day.
        Check(nameof(options.WebhookTimeoutSeconds), options.WebhookTimeoutSeconds, 1, 120);
        Check(nameof(options.WebhookAttempts), options.WebhookAttempts, 1, 10);
        Check(nameof(options.WebhookRetryDelayMilliseconds), options.WebhookRetryDelayMilliseconds, 0, 60_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Inference;

/// <summary>Checks the cloud client's retry and breaker settings at start and names each bad one by its key and value.</summary>
public sealed class CloudOptionsValidator : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Check(string key, double value, double min, double max)
        {
            // Written so that NaN fails too.
            if (!(value >= min && value <= max))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{CloudOptions.SectionName}:{key} must be between {min} and {max} (was {value})"));
            }
        }

        Check(nameof(options.RetryAttempts), options.RetryAttempts, 0, 10);
        Check(nameof(options.RetryDelayMs), options.RetryDelayMs, 0, 10_000);

        // Polly's own limits: a ratio in (0,1], at least 2 calls, windows and breaks of at least 0.5 s.
        Check(nameof(options.BreakerFailureRatio), options.BreakerFailureRatio, 0.01, 1);
        Check(nameof(options.BreakerMinimumThroughput), options.BreakerMinimumThroughput, 2, 10_000);
        Check(nameof(options.BreakerSamplingSeconds), options.BreakerSamplingSeconds, 0.5, 600);
        Check(nameof(options.BreakerBreakSeconds), options.BreakerBreakSeconds, 0.5, 3_600);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

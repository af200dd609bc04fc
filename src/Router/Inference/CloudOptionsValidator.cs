using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Inference;

/// <summary>Checks the cloud client's retry and breaker settings at start and names each bad one by its key and value.</summary>
public sealed class CloudOptionsValidator : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(CloudOptions.SectionName);
        errors.Range(nameof(options.RetryAttempts), options.RetryAttempts, 0, 10);
        errors.Range(nameof(options.RetryDelayMs), options.RetryDelayMs, 0, 10_000);

        // Polly's own limits: a ratio in (0,1], at least 2 calls, windows and breaks of at least 0.5 s.
        errors.Range(nameof(options.BreakerFailureRatio), options.BreakerFailureRatio, 0.01, 1);
        errors.Range(nameof(options.BreakerMinimumThroughput), options.BreakerMinimumThroughput, 2, 10_000);
        errors.Range(nameof(options.BreakerSamplingSeconds), options.BreakerSamplingSeconds, 0.5, 600);
        errors.Range(nameof(options.BreakerBreakSeconds), options.BreakerBreakSeconds, 0.5, 3_600);
        return errors.Result;
    }
}

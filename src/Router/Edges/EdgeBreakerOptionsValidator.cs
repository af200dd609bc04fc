using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Edges;

/// <summary>Checks the edge breaker settings at start and names each bad one by its key and value.</summary>
public sealed class EdgeBreakerOptionsValidator : IValidateOptions<EdgeBreakerOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(EdgeBreakerOptions.SectionName);

        // Polly's own limits: a ratio in (0,1], at least 2 calls, windows and breaks of at least 0.5 s.
        errors.Range(nameof(options.FailureRatio), options.FailureRatio, 0.01, 1);
        errors.Range(nameof(options.MinimumThroughput), options.MinimumThroughput, 2, 10_000);
        errors.Range(nameof(options.SamplingSeconds), options.SamplingSeconds, 0.5, 600);
        errors.Range(nameof(options.BreakSeconds), options.BreakSeconds, 0.5, 3_600);
        return errors.Result;
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Edges;

/// <summary>Checks the edge breaker settings at start and names each bad one by its key and value.</summary>
public sealed class EdgeBreakerOptionsValidator : IValidateOptions<EdgeBreakerOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Check(string key, double value, double min, double max)
        {
            // Written so that NaN fails too.
            if (!(value >= min && value <= max))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{EdgeBreakerOptions.SectionName}:{key} must be between {min} and {max} (was {value})"));
            }
        }

        // Polly's own limits: a ratio in (0,1], at least 2 calls, windows and breaks of at least 0.5 s.
        Check(nameof(options.FailureRatio), options.FailureRatio, 0.01, 1);
        Check(nameof(options.MinimumThroughput), options.MinimumThroughput, 2, 10_000);
        Check(nameof(options.SamplingSeconds), options.SamplingSeconds, 0.5, 600);
        Check(nameof(options.BreakSeconds), options.BreakSeconds, 0.5, 3_600);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

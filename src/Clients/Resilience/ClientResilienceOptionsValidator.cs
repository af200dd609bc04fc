using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Resilience;

/// <summary>
/// Checks one pipeline's numbers: every range, and the relations Polly needs between them, all errors at once,
/// each naming the pipeline, the setting and its value.
/// </summary>
internal sealed class ClientResilienceOptionsValidator : IValidateOptions<ClientResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientResilienceOptions options)
    {
        var section = $"Clients:{name}:Resilience";
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{section}: {r.ErrorMessage}"));
        }

        if (options.AttemptTimeout > options.TotalTimeout)
        {
            errors.Add($"{section}: AttemptTimeout ({options.AttemptTimeout}) must not exceed TotalTimeout ({options.TotalTimeout})");
        }

        if (options.CircuitBreaker && options.BreakerSamplingDuration < 2 * options.AttemptTimeout)
        {
            errors.Add($"{section}: BreakerSamplingDuration ({options.BreakerSamplingDuration}) must be at least twice AttemptTimeout ({options.AttemptTimeout})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

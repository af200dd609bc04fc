using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Serving;

/// <summary>
/// Validates the nested per-model settings, which data annotations on the root do not reach, and
/// reports every problem at once with the full configuration key.
/// </summary>
public sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        List<string> errors = [];
        Check($"{ServingOptions.SectionName}:Defaults", options.Defaults, errors);
        foreach (var (model, modelOptions) in options.Models)
        {
            Check($"{ServingOptions.SectionName}:Models:{model}", modelOptions, errors);
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private static void Check(string key, ModelServingOptions options, List<string> errors)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"{key}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        if (!(options.InputMin < options.InputMax))
        {
            errors.Add($"{key}:InputMin ({options.InputMin}) must be below {key}:InputMax ({options.InputMax}).");
        }

        if (options.PreferredBatchSize > options.MaxBatchSize)
        {
            errors.Add($"{key}:PreferredBatchSize ({options.PreferredBatchSize}) exceeds {key}:MaxBatchSize ({options.MaxBatchSize}).");
        }
    }
}

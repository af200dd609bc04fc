using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Serving;

/// <summary>
/// Data-annotation validation whose messages carry the full configuration key
/// (<c>Edge:Device:CapacityImagesPerSecond: The field ... must be between 1 and 10000000.</c>), where the
/// stock validator names only the property and leaves the user to guess the section.
/// </summary>
public sealed class SectionAnnotationsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        List<ValidationResult> results = [];
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}

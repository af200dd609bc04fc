using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Rollouts;

/// <summary>The addresses, when set, are absolute http(s) URIs: a typo must fail at start, not at the first cloud rollout.</summary>
public sealed class CloudTrafficOptionsValidator : IValidateOptions<CloudTrafficOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudTrafficOptions options)
    {
        var errors = new SettingErrors(CloudTrafficOptions.SectionName);
        errors.HttpAddress(nameof(options.RouterAddress), options.RouterAddress);
        errors.HttpAddress(nameof(options.CloudAddress), options.CloudAddress);
        return errors.Result;
    }
}

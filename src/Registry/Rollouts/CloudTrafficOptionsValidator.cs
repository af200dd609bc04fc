using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Rollouts;

/// <summary>The addresses, when set, are absolute http(s) URIs: a typo must fail at start, not at the first cloud rollout.</summary>
public sealed class CloudTrafficOptionsValidator : IValidateOptions<CloudTrafficOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudTrafficOptions options)
    {
        List<string> errors = [];
        Check(options.RouterAddress, "CloudTraffic:RouterAddress", errors);
        Check(options.CloudAddress, "CloudTraffic:CloudAddress", errors);
        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private static void Check(string? address, string key, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(address)
            && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add($"{key} '{address}' is not an absolute http:// or https:// address.");
        }
    }
}

using HybridInference.Security;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Security;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        List<string> errors = [];
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            errors.Add("Auth: set Auth:Authority (an OIDC issuer) or Auth:SigningKey (the development issuer's key; the AppHost sets it), or turn authentication off explicitly with Auth:Enabled=false");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey) && !DevTokens.IsValidKey(options.SigningKey))
        {
            errors.Add($"Auth:SigningKey must be base64 of at least {DevTokens.KeyBytes} bytes");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            errors.Add($"Auth:Authority must be an absolute URI; got '{options.Authority}'");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("Auth:Audience is required");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add("Auth:Issuer is required");
        }

        if (options.ClockSkewSeconds is < 0 or > 600)
        {
            errors.Add($"Auth:ClockSkewSeconds must be in [0, 600]; got {options.ClockSkewSeconds}");
        }

        foreach (var (client, hash) in options.ApiKeys)
        {
            if (hash is not { Length: 64 } || !hash.All(Uri.IsHexDigit))
            {
                errors.Add($"Auth:ApiKeys:{client} must be the 64 hex digits of the key's SHA-256, not the key");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

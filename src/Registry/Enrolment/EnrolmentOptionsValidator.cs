using System.Globalization;
using HybridInference.Registry.Fleet;
using HybridInference.Security;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Enrolment;

/// <summary>Every error of <c>Registry:Enrolment</c> at once, each naming its key: a secret given in clear, a short key, a bad site.</summary>
public sealed class EnrolmentOptionsValidator : IValidateOptions<EnrolmentOptions>
{
    public const int MaxLifetimeDays = 3650;

    public ValidateOptionsResult Validate(string? name, EnrolmentOptions options)
    {
        const string section = EnrolmentOptions.SectionName;
        List<string> errors = [];
        if (!string.IsNullOrWhiteSpace(options.SigningKey) && !string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            errors.Add($"{section}: set SigningKey or SigningKeyFile, not both");
        }
        else if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            if (!File.Exists(options.SigningKeyFile))
            {
                errors.Add($"{section}:SigningKeyFile '{options.SigningKeyFile}' does not exist");
            }
            else if (!DevTokens.IsValidKey(File.ReadAllText(options.SigningKeyFile).Trim()))
            {
                errors.Add($"{section}:SigningKeyFile '{options.SigningKeyFile}' must hold base64 of at least {DevTokens.KeyBytes} bytes");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.SigningKey) && !DevTokens.IsValidKey(options.SigningKey))
        {
            errors.Add($"{section}:SigningKey must be base64 of at least {DevTokens.KeyBytes} bytes");
        }

        if (options.BootstrapSecrets.Count > 0 && !options.HasSigningKey)
        {
            errors.Add($"{section}: bootstrap secrets are configured but no SigningKey or SigningKeyFile to sign device credentials with");
        }

        foreach (var (secret, bootstrap) in options.BootstrapSecrets)
        {
            if (!FleetNames.IsValid(secret))
            {
                errors.Add($"{section}:BootstrapSecrets: the name '{secret}' is invalid: use {FleetNames.Rule}");
            }

            if (bootstrap.Hash is not { Length: 64 } || !bootstrap.Hash.All(Uri.IsHexDigit))
            {
                errors.Add($"{section}:BootstrapSecrets:{secret}:Hash must be the 64 hex digits of the secret's SHA-256, not the secret");
            }

            if (bootstrap.Site is not null && !FleetNames.IsValid(bootstrap.Site))
            {
                errors.Add($"{section}:BootstrapSecrets:{secret}:Site '{bootstrap.Site}' is invalid: use {FleetNames.Rule}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add($"{section}:Issuer is required");
        }

        if (options.CredentialLifetimeDays is < 1 or > MaxLifetimeDays)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:CredentialLifetimeDays must be between 1 and {MaxLifetimeDays} (was {options.CredentialLifetimeDays})"));
        }

        if (options.CheckMilliseconds is < 50 or > 60_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:CheckMilliseconds must be between 50 and 60000 (was {options.CheckMilliseconds})"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

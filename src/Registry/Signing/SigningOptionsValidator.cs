using System.Security.Cryptography;
using HybridInference.Contracts.Registry.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Signing;

/// <summary>Exactly one of the key settings unless signing is off, and the key it names is a readable P-256 private key.</summary>
public sealed class SigningOptionsValidator(IHostEnvironment environment) : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var hasPem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem);
        var hasFile = !string.IsNullOrWhiteSpace(options.PrivateKeyFile);
        if (options.Disabled)
        {
            return hasPem || hasFile
                ? ValidateOptionsResult.Fail($"{SigningOptions.SectionName}:Disabled is true but a private key is configured too: remove one of them.")
                : ValidateOptionsResult.Success;
        }

        if (hasPem == hasFile)
        {
            return ValidateOptionsResult.Fail(hasPem
                ? $"Set one of {SigningOptions.SectionName}:PrivateKeyPem and {SigningOptions.SectionName}:PrivateKeyFile, not both."
                : $"{SigningOptions.SectionName}:PrivateKeyPem or {SigningOptions.SectionName}:PrivateKeyFile is required: the ECDSA P-256 key the registry signs model versions with " +
                  $"(openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt). {SigningOptions.SectionName}:Disabled=true registers versions unsigned, which verifying nodes refuse.");
        }

        try
        {
            using var key = P256Keys.ImportPrivate(SigningKeySource.ReadPem(options, environment));
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{SigningKeySource.Describe(options)} is not a usable signing key: {ex.Message}");
        }
    }
}

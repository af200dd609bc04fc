using HybridInference.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// The key of the device-credential issuer, from <c>Registry:Enrolment:SigningKey</c> or its file, read once (the
/// options validator has checked it at start). HS256: the registry is the only party that issues and the only one that
/// verifies device credentials, so a shared secret among its replicas is enough, and no public key needs publishing.
/// </summary>
public sealed class DeviceCredentialKey(IOptions<EnrolmentOptions> options)
{
    private readonly Lazy<string?> _base64 = new(() =>
        options.Value.SigningKeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim()
        : string.IsNullOrWhiteSpace(options.Value.SigningKey) ? null
        : options.Value.SigningKey.Trim());

    /// <summary>Base64 of the key, or null when enrolment is not configured.</summary>
    public string? Base64 => _base64.Value;

    /// <summary>The validation key, or null when enrolment is not configured (then no device credential validates).</summary>
    public SecurityKey? SecurityKey => Base64 is { } key ? DevTokens.SecurityKey(key) : null;
}

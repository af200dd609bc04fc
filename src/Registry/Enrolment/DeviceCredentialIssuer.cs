using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Security;
using HybridInference.Registry.Fleet;
using HybridInference.Security;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Mints device credentials: HS256 JWTs of the registry's device issuer (<see cref="DeviceCredentialKey"/>), subject and
/// <c>device_id</c> the device, its <c>site</c>, scopes <c>models:read fleet:connect</c>, a fresh <c>jti</c> and an expiry.
/// </summary>
public sealed class DeviceCredentialIssuer(DeviceCredentialKey key, IOptions<EnrolmentOptions> options, TimeProvider time)
{
    public static IReadOnlyList<string> CredentialScopes { get; } = [Scopes.ModelsRead, Scopes.FleetConnect];

    /// <summary>A new credential for <paramref name="deviceId"/> at <paramref name="site"/>; not yet recorded as its current one.</summary>
    public DeviceCredential Issue(string deviceId, string site)
    {
        var signingKey = key.Base64 ?? throw new InvalidOperationException("no device-credential signing key is configured (Registry:Enrolment:SigningKey)");
        var lifetime = TimeSpan.FromDays(options.Value.CredentialLifetimeDays);
        var issuedAt = time.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        var token = DevTokens.Issue(signingKey, new DevToken(deviceId, CredentialScopes, lifetime)
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            Claims = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DeviceIdentity.DeviceIdClaim] = deviceId,
                [EnrolmentSchemes.SiteClaim] = site,
                ["jti"] = id,
            },
        }, time);
        // The token's times are whole seconds; the record says what the token says.
        var issued = DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds());
        return new DeviceCredential(deviceId, site, id, issued, issued + lifetime, token);
    }
}

namespace HybridInference.Contracts.Fleet;

/// <summary>
/// A device's credential, the answer to an enrolment: <see cref="Token"/> is a JWT of the registry's own device issuer,
/// bound to the device (<c>sub</c> and <c>device_id</c>) and its site, with scopes <c>models:read fleet:connect</c>.
/// <see cref="CredentialId"/> is its <c>jti</c>: the one the registry accepts for the device until it is revoked.
/// </summary>
public sealed record DeviceCredential(string DeviceId, string Site, string CredentialId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Token);

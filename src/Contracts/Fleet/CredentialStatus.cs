namespace HybridInference.Contracts.Fleet;

/// <summary>
/// Where a device's credential stands (<c>GET /api/fleet/devices/{id}/credential</c>; the answer of a revocation):
/// <see cref="State"/> is <c>enrolled</c> (its current credential is <see cref="CredentialId"/>) or <c>revoked</c>
/// (no credential is accepted for it; it may enrol again). The token itself is never shown.
/// </summary>
public sealed record CredentialStatus(
    string DeviceId,
    string State,
    string? CredentialId,
    string? Site,
    string? EnrolledBy,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public const string Enrolled = "enrolled";
    public const string Revoked = "revoked";
}

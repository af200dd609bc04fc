namespace HybridInference.Registry.Enrolment;

/// <summary>A device's credential as the store keeps it: the current credential id, or none since its revocation.</summary>
public sealed record DeviceCredentialRecord(
    string DeviceId,
    string? CredentialId,
    string? Site,
    string? EnrolledBy,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);

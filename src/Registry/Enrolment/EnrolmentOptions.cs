namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Device enrolment (section <c>Registry:Enrolment</c>): the bootstrap secrets a device may enrol with, and the key of
/// the registry's own device-credential issuer. Validated at start (<see cref="EnrolmentOptionsValidator"/>).
/// </summary>
public sealed class EnrolmentOptions
{
    public const string SectionName = "Registry:Enrolment";

    /// <summary>The issuer (<c>iss</c>) and audience (<c>aud</c>) of device credentials: the registry's, no one else's.</summary>
    public const string DefaultIssuer = "hybridinference-registry";

    /// <summary>
    /// Bootstrap secrets by name: each the lowercase hex SHA-256 of the secret (the secret itself is never configured),
    /// optionally restricted to one site. The name is the audit trail's actor of an enrolment (<c>bootstrap:{name}</c>).
    /// Empty: no device can enrol.
    /// </summary>
    public Dictionary<string, BootstrapSecretOptions> BootstrapSecrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Base64 of the HS256 key (at least 32 bytes) that signs and verifies device credentials; every registry replica needs
    /// the same one. A secret. Or <see cref="SigningKeyFile"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding <see cref="SigningKey"/> (a mounted Kubernetes secret), read at start.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The issuer device credentials name. <value>Defaults to <c>hybridinference-registry</c>.</value></summary>
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>How long a device credential is valid. <value>Defaults to 90 days.</value></summary>
    public int CredentialLifetimeDays { get; set; } = 90;

    /// <summary>
    /// How long a replica trusts its last look at a device's current credential, and how often a live stream looks again:
    /// a revocation ends the device's stream on any replica within about twice this. <value>Defaults to 2000 ms.</value>
    /// </summary>
    public int CheckMilliseconds { get; set; } = 2000;

    /// <summary>Whether the registry can issue and verify device credentials at all.</summary>
    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(SigningKeyFile);
}

namespace HybridInference.Registry.Enrolment;

/// <summary>One bootstrap secret (<c>Registry:Enrolment:BootstrapSecrets:{name}</c>).</summary>
public sealed class BootstrapSecretOptions
{
    /// <summary>The lowercase hex SHA-256 of the secret: <c>printf %s "$SECRET" | sha256sum</c>.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The one site devices enrolled with this secret may be at; any site when unset.</summary>
    public string? Site { get; set; }
}

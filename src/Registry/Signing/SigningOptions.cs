namespace HybridInference.Registry.Signing;

/// <summary>
/// How the registry signs the versions it registers (section <c>Registry:Signing</c>): an ECDSA P-256 private key,
/// as PEM text or a PEM file. The registry does not start without one unless <see cref="Disabled"/> says so.
/// </summary>
public sealed class SigningOptions
{
    public const string SectionName = "Registry:Signing";

    /// <summary>The private key as PEM text (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>), e.g. from a secret in an environment variable.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A file holding the PEM private key, e.g. a mounted secret; relative to the content root.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>
    /// Registers versions unsigned; nodes that verify refuse them. For a registry whose nodes all run with
    /// signature checks off, never in production; logged as a warning at start. <value>Defaults to false.</value>
    /// </summary>
    public bool Disabled { get; set; }
}

namespace HybridInference.Inference.Signing;

/// <summary>
/// The keys a node trusts to sign the model versions it loads from the registry (<c>Fleet:Signing</c> on an edge
/// node, <c>CloudRegistry:Signing</c> on the cloud server). Several keys may be trusted at once, so a registry's
/// key can be rotated without refusing what the old key signed.
/// </summary>
public sealed class ModelTrustOptions
{
    /// <summary>The registry's ECDSA P-256 public keys as PEM text (<c>PUBLIC KEY</c>). <value>Defaults to none.</value></summary>
    public List<string> PublicKeys { get; set; } = [];

    /// <summary>Files holding one PEM public key each (mounted secrets or config maps); relative to the content root. <value>Defaults to none.</value></summary>
    public List<string> PublicKeyFiles { get; set; } = [];

    /// <summary>
    /// Loads registry versions without checking their signatures: for a registry run with
    /// <c>Registry:Signing:Disabled</c>, never in production; logged as a warning at start. <value>Defaults to false.</value>
    /// </summary>
    public bool Disabled { get; set; }
}

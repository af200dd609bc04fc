namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// Why a node refused a model version, as the <c>reason</c> tag of <c>inference.model.refused</c>, in logs and in
/// what an edge node reports to the fleet.
/// </summary>
public static class RefusalReasons
{
    /// <summary>The version carries no envelope.</summary>
    public const string Unsigned = "unsigned";

    /// <summary>No signature of the envelope is by a key the node trusts.</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>A signature by a trusted key does not verify (wrong key, altered payload, another algorithm).</summary>
    public const string BadSignature = "bad-signature";

    /// <summary>The envelope is not a model statement: another payload type, bad base64 or JSON.</summary>
    public const string Malformed = "malformed";

    /// <summary>The signed statement names another model, version, digest or size than the version served or the desired state.</summary>
    public const string StatementMismatch = "statement-mismatch";

    /// <summary>The card served is not the card signed.</summary>
    public const string CardMismatch = "card-mismatch";

    /// <summary>The artifact downloaded (or cached) does not hash to the signed digest.</summary>
    public const string ArtifactDigest = "artifact-digest";

    /// <summary>The registry sent more bytes than the signed size.</summary>
    public const string ArtifactSize = "artifact-size";
}

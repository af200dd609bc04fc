namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// What applying a desired state did, as the node reports it: <c>applied</c>, <c>failed</c>, <c>digest-mismatch</c>
/// or <c>refused</c> (the version is unsigned, wrongly signed or not what was signed; the detail starts with the reason).
/// <paramref name="Transient"/>: it failed for a reason that can pass (the artifact could not be fetched), so the
/// node tries again rather than wait for the registry to send the same state again.
/// </summary>
public sealed record ApplyOutcome(string Status, string Detail, bool Transient = false)
{
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string DigestMismatch = "digest-mismatch";
    public const string Refused = "refused";
}

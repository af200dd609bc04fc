namespace HybridInference.EdgeInference.Fleet;

/// <summary>What applying a desired state did, as the node reports it: <c>applied</c>, <c>failed</c> or <c>digest-mismatch</c>.</summary>
public sealed record ApplyOutcome(string Status, string Detail)
{
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string DigestMismatch = "digest-mismatch";
}

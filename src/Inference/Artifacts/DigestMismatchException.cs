namespace HybridInference.Inference.Artifacts;

/// <summary>A downloaded or cached artifact is not the content its digest names: tampered or truncated.</summary>
public sealed class DigestMismatchException(string expected, string actual, long bytes)
    : Exception($"artifact digest mismatch: expected {expected}, received {bytes} bytes hashing to {actual}; refused, never served")
{
    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}

namespace HybridInference.EdgeInference.Fleet;

/// <summary>The cache's <c>current.json</c>: the version served last, and the one before it (kept for going back).</summary>
public sealed record CacheIndex(RunningModelRef? Current, RunningModelRef? Previous);

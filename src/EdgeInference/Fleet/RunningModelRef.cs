namespace HybridInference.EdgeInference.Fleet;

/// <summary>The model version an edge node serves, by name, number and content digest.</summary>
public sealed record RunningModelRef(string Name, long Version, string Digest);

namespace HybridInference.Contracts.Fleet;

/// <summary>A model version by name, number and content digest.</summary>
public sealed record ModelRef(string Name, int Version, string Digest);

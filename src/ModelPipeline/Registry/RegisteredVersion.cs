namespace HybridInference.ModelPipeline.Registry;

/// <summary>The fields of a registry model version the pipeline uses.</summary>
public sealed record RegisteredVersion(string Name, int Version, string Digest);

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// What the registry vouches for when it signs a version (the payload of its <see cref="DsseEnvelope"/>): the
/// model's name and version number, the artifact's digest and size, and the digest of the version's card
/// (<see cref="CardDigest"/>). A node loads a version only when all five match what it was sent and downloaded.
/// </summary>
public sealed record ModelStatement(string Name, int Version, string Digest, long SizeBytes, string CardDigest);

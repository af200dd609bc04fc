using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>One signature of a <see cref="DsseEnvelope"/>: the signing key's id (<see cref="ModelEnvelopes.KeyIdOf"/>) and the DER-encoded ECDSA signature, base64.</summary>
public sealed record DsseSignature([property: JsonPropertyName("keyid")] string KeyId, string Sig);

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// A DSSE envelope (the format Sigstore's model-transparency signs model files in): the payload's media type,
/// the payload itself (standard base64), and one or more signatures over the PAE of the two
/// (<see cref="Pae"/>). The registry signs each version's <see cref="ModelStatement"/> in one; edge and cloud
/// nodes open it with <see cref="ModelEnvelopes.Open"/> before they load the version.
/// </summary>
public sealed record DsseEnvelope(string PayloadType, string Payload, IReadOnlyList<DsseSignature> Signatures);

using System.Text.Json;

namespace HybridInference.Contracts.Registry;

/// <summary>
/// One registered version of a model: its artifact (<see cref="Digest"/> as <c>sha256:&lt;hex&gt;</c>), tensor
/// signature, lineage and card. The card is the document as it was registered, so fields this codebase does not
/// know survive; read it as a <see cref="ModelCard"/> with <see cref="RegistryJsonContext"/>. <see cref="Envelope"/>
/// is the registry's signed statement of name, version, digest, size and card digest (null: unsigned, which a
/// node refuses); see <see cref="Signing.ModelEnvelopes"/>.
/// </summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    string Digest,
    long SizeBytes,
    IReadOnlyList<TensorSignature> Inputs,
    IReadOnlyList<TensorSignature> Outputs,
    int? ParentVersion,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset RegisteredAt,
    string RegisteredBy,
    JsonElement Card,
    Signing.DsseEnvelope? Envelope = null);

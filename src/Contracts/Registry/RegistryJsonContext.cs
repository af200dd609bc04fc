using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Registry;

/// <summary>
/// Source-generated serializers of the registry's model and artifact API and of model cards: the registry
/// writes its answers with it and every client reads them with it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ModelSummary))]
[JsonSerializable(typeof(ModelVersion))]
[JsonSerializable(typeof(AliasChangeRequest))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(Signing.ModelStatement))]
public sealed partial class RegistryJsonContext : JsonSerializerContext;

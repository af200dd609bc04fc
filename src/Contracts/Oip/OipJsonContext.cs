using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>
/// Source-generated serializers for every protocol body, so servers and clients (the router) parse and
/// write them without reflection, and with the same limits.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(InferenceRequest))]
[JsonSerializable(typeof(InferenceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ServerMetadataResponse))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ModelReadyResponse))]
[JsonSerializable(typeof(List<RepositoryIndexEntry>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(TensorData))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
public sealed partial class OipJsonContext : JsonSerializerContext;

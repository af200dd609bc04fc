using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>Body of a successful inference answer.</summary>
public sealed class InferenceResponse
{
    [JsonPropertyName("model_name")]
    public required string ModelName { get; init; }

    [JsonPropertyName("model_version")]
    public string? ModelVersion { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    [JsonPropertyName("outputs")]
    public required List<ResponseOutput> Outputs { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>One output tensor of an inference answer.</summary>
public sealed class ResponseOutput
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("shape")]
    public required long[] Shape { get; init; }

    [JsonPropertyName("datatype")]
    public required string Datatype { get; init; }

    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    [JsonPropertyName("data")]
    public required TensorData Data { get; init; }
}

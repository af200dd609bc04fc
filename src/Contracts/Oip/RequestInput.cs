using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>One input tensor of an inference request.</summary>
public sealed class RequestInput
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("shape")]
    public List<long>? Shape { get; set; }

    [JsonPropertyName("datatype")]
    public string? Datatype { get; set; }

    [JsonPropertyName("parameters")]
    public Dictionary<string, JsonElement>? Parameters { get; set; }

    /// <summary>Row-major tensor contents, flat or nested.</summary>
    [JsonPropertyName("data")]
    public TensorData? Data { get; set; }
}

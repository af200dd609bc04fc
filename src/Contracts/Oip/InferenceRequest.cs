using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>Body of <c>POST /v2/models/{model}[/versions/{version}]/infer</c>.</summary>
public sealed class InferenceRequest
{
    /// <summary>Optional identifier, echoed in the response.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Optional request parameters (string, number or boolean values).</summary>
    [JsonPropertyName("parameters")]
    public Dictionary<string, JsonElement>? Parameters { get; set; }

    [JsonPropertyName("inputs")]
    public List<RequestInput>? Inputs { get; set; }

    /// <summary>Outputs to return; all of the model's outputs when absent.</summary>
    [JsonPropertyName("outputs")]
    public List<RequestOutput>? Outputs { get; set; }
}

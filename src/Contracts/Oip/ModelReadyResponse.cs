using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>Body of <c>GET /v2/models/{model}[/versions/{version}]/ready</c>.</summary>
public sealed record ModelReadyResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("ready")] bool Ready);

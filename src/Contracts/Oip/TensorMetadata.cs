using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>Name, datatype and shape of a model input or output; a variable dimension is -1.</summary>
public sealed record TensorMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape);

using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>One row of Triton's <c>POST /v2/repository/index</c>: a model version, its state and why.</summary>
public sealed record RepositoryIndexEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("reason")] string Reason);

using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>The protocol's error body: <c>{"error": "..."}</c>, sent with every 4xx and 5xx.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);

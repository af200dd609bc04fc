using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Problems;

/// <summary>
/// An RFC 9457 problem details body, as every control-plane API writes its 4xx and 5xx answers
/// (ASP.NET Core's <c>ProblemDetails</c> on the server side). Clients read <see cref="Detail"/> to say what was wrong.
/// </summary>
public sealed record Problem(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("detail")] string? Detail);

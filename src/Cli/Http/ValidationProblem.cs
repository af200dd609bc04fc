using System.Text.Json.Serialization;

namespace HybridInference.Cli.Http;

/// <summary>
/// A validation problem (RFC 9457 with ASP.NET Core's <c>errors</c> member: each field's messages), as ChaosLab
/// answers a bad experiment file or fault. The shared problem contract carries only the detail, so the CLI reads
/// the errors with this type to print every field's message, as it always has.
/// </summary>
internal sealed record ValidationProblem(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors);

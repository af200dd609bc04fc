using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>One steady-state check's verdict: what it expected, what was measured, and whether that holds.</summary>
public sealed record CheckResult(
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("measured")] string Measured,
    [property: JsonPropertyName("passed")] bool Passed);

using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>What <c>DELETE /api/faults</c> answers: how many faults it ended.</summary>
public sealed record ClearedFaults([property: JsonPropertyName("cleared")] int Cleared);

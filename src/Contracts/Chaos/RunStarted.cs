using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>What <c>POST /api/experiments/{name}/run</c> answers: the run's id and where its report is.</summary>
public sealed record RunStarted(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("report")] string Report);

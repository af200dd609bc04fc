using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.ModelPipeline.State;

/// <summary>
/// The run document kept in the store: the options the run started with (a resume reuses them, so a resumed
/// run is the same run) and every step's result.
/// </summary>
public sealed record PipelineRun
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public required string Id { get; init; }

    public required PipelineOptions Options { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Running;

    public required IReadOnlyList<StepRecord> Steps { get; init; }

    public StepRecord Step(string name) => Steps.Single(s => s.Name == name);

    public PipelineRun With(StepRecord step, TimeProvider time) => this with
    {
        Steps = Steps.Select(s => s.Name == step.Name ? step : s).ToArray(),
        UpdatedAt = time.GetUtcNow(),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PipelineRun FromJson(string json) =>
        JsonSerializer.Deserialize<PipelineRun>(json, Json) ?? throw new InvalidDataException("the run document is empty");
}

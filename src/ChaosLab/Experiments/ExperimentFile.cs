using System.Text.Json.Serialization;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// An experiment as written in <c>experiments/{name}.json</c>. Every field is optional here so that
/// <see cref="ExperimentValidator"/> can answer each mistake by its path (<c>traffic.requestsPerSecond</c>)
/// instead of a serializer error; unknown fields are refused by the reader, so a typo cannot silently do nothing.
/// </summary>
public sealed record ExperimentFile
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    [JsonPropertyName("traffic")] public TrafficSection? Traffic { get; init; }

    [JsonPropertyName("steadyState")] public SteadyStateSection? SteadyState { get; init; }

    [JsonPropertyName("faults")] public IReadOnlyList<ScheduleSection>? Faults { get; init; }

    [JsonPropertyName("safety")] public SafetySection? Safety { get; init; }

    /// <summary>Steps ChaosLab cannot take itself (kill or start a process, start a model update): the harness takes them.</summary>
    [JsonPropertyName("actions")] public IReadOnlyList<ActionSection>? Actions { get; init; }

    /// <summary>What the system must do in answer to a fault or action, judged from the router's view and the samples.</summary>
    [JsonPropertyName("expect")] public IReadOnlyList<ExpectSection>? Expect { get; init; }

    public sealed record TrafficSection
    {
        [JsonPropertyName("requestsPerSecond")] public double? RequestsPerSecond { get; init; }

        [JsonPropertyName("concurrency")] public int? Concurrency { get; init; }

        [JsonPropertyName("durationSeconds")] public double? DurationSeconds { get; init; }

        /// <summary>Index of the first committed test image; requests take the following ones in order.</summary>
        [JsonPropertyName("firstImage")] public int? FirstImage { get; init; }

        [JsonPropertyName("timeoutMs")] public int? TimeoutMs { get; init; }

        [JsonPropertyName("priority")] public bool? Priority { get; init; }
    }

    public sealed record SteadyStateSection
    {
        [JsonPropertyName("maxUnanswered")] public int? MaxUnanswered { get; init; }

        [JsonPropertyName("p99Ms")] public double? P99Ms { get; init; }

        [JsonPropertyName("allRecorded")] public bool? AllRecorded { get; init; }

        [JsonPropertyName("recordsWaitSeconds")] public double? RecordsWaitSeconds { get; init; }

        [JsonPropertyName("accuracy")] public AccuracySection? Accuracy { get; init; }
    }

    public sealed record AccuracySection
    {
        [JsonPropertyName("baseline")] public double? Baseline { get; init; }

        [JsonPropertyName("maxDropPoints")] public double? MaxDropPoints { get; init; }
    }

    public sealed record ScheduleSection
    {
        [JsonPropertyName("offsetSeconds")] public double? OffsetSeconds { get; init; }

        [JsonPropertyName("durationSeconds")] public double? DurationSeconds { get; init; }

        /// <summary>The body of <c>POST /api/faults</c>, without its end: the schedule gives it.</summary>
        [JsonPropertyName("fault")] public FaultRequest? Fault { get; init; }
    }

    public sealed record SafetySection
    {
        [JsonPropertyName("maxErrorRate")] public double? MaxErrorRate { get; init; }

        [JsonPropertyName("minRequests")] public int? MinRequests { get; init; }

        [JsonPropertyName("windowSeconds")] public double? WindowSeconds { get; init; }
    }

    public sealed record ActionSection
    {
        [JsonPropertyName("id")] public string? Id { get; init; }

        [JsonPropertyName("offsetSeconds")] public double? OffsetSeconds { get; init; }

        /// <summary><c>kill</c>, <c>start</c> (a resource) or <c>model-update</c> (a model's version to the fleet).</summary>
        [JsonPropertyName("kind")] public string? Kind { get; init; }

        [JsonPropertyName("resource")] public string? Resource { get; init; }

        [JsonPropertyName("model")] public string? Model { get; init; }

        /// <summary>A version number, or <c>latest</c>: the newest version the registry holds when the action is taken.</summary>
        [JsonPropertyName("version")] public string? Version { get; init; }
    }

    public sealed record ExpectSection
    {
        /// <summary><c>breaker-opens</c>, <c>leaves-rotation</c> (a node) or <c>rule-fires</c> (a routing rule).</summary>
        [JsonPropertyName("kind")] public string? Kind { get; init; }

        [JsonPropertyName("node")] public string? Node { get; init; }

        [JsonPropertyName("rule")] public string? Rule { get; init; }

        /// <summary>The id of the fault or action it answers.</summary>
        [JsonPropertyName("after")] public string? After { get; init; }

        [JsonPropertyName("withinSeconds")] public double? WithinSeconds { get; init; }
    }
}

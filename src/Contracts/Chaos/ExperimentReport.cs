using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>A run's report: <c>GET /api/experiments/runs/{id}</c> (and as Markdown, <see cref="ReportMarkdown"/>).</summary>
public sealed record ExperimentReport
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("experiment")] public required string Experiment { get; init; }

    [JsonPropertyName("description")] public string Description { get; init; } = "";

    [JsonPropertyName("status")] public RunStatus Status { get; init; }

    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("endedAt")] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why the run stopped early or could not run.</summary>
    [JsonPropertyName("stopReason")] public string? StopReason { get; init; }

    [JsonPropertyName("measured")] public Measurements? Measured { get; init; }

    [JsonPropertyName("checks")] public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Actions due and waiting for the harness to take and confirm them.</summary>
    [JsonPropertyName("pendingActions")] public IReadOnlyList<Experiment.ScheduledAction> PendingActions { get; init; } = [];

    [JsonPropertyName("timeline")] public IReadOnlyList<TimelineEvent> Timeline { get; init; } = [];

    /// <summary>Every request, so a reader can judge a window of the run (during a fault, after it) on its own.</summary>
    [JsonPropertyName("samples")] public IReadOnlyList<RequestSample> Samples { get; init; } = [];
}

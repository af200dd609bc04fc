namespace HybridInference.Contracts.Fleet;

/// <summary>One telemetry message of a device, as stored and shown in the fleet view.</summary>
public sealed record TelemetryRecord(
    DateTimeOffset At,
    long InferenceCount,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    IReadOnlyList<long> ConfidenceHistogram,
    double? EscalationRate,
    double GpuTemperatureC,
    double GpuUtilisation,
    double GpuMemoryUsedMiB,
    double GpuMemoryTotalMiB,
    bool Throttled,
    ModelRef? Model);

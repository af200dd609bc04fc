namespace HybridInference.EdgeInference.Fleet;

/// <summary>What the node served since the previous telemetry message.</summary>
public sealed record TelemetryWindow(long Images, double P50Ms, double P95Ms, double P99Ms, long[] ConfidenceHistogram);

namespace HybridInference.PredictionLog.Tests;

internal static class Records
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static PredictionRecord Edge(string id, DateTimeOffset at, int answered = 1, int? label = null, double latency = 2) => new()
    {
        RequestId = id,
        Timestamp = at,
        Model = "fashion",
        Tier = "edge",
        Site = "site-1",
        Device = "edge-1",
        EdgeVersion = "1",
        EdgeClass = answered,
        EdgeConfidence = 0.97,
        EdgeLatencyMs = latency,
        TotalLatencyMs = latency,
        Label = label,
    };

    public static PredictionRecord Cloud(string id, DateTimeOffset at, int edgeClass, int cloudClass, int? label = null, string reason = "low-confidence", double latency = 40) => new()
    {
        RequestId = id,
        Timestamp = at,
        Model = "fashion",
        Tier = "cloud",
        Site = "site-1",
        Device = "edge-1",
        EdgeVersion = "1",
        CloudVersion = "1",
        EdgeClass = edgeClass,
        EdgeConfidence = 0.41,
        CloudClass = cloudClass,
        CloudConfidence = 0.93,
        EscalationReason = reason,
        EdgeLatencyMs = 2,
        CloudLatencyMs = latency - 2,
        TotalLatencyMs = latency,
        Label = label,
    };
}

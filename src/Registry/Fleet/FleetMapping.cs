using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Fleet.Grpc;
using DesiredState = HybridInference.Contracts.Fleet.DesiredState;

namespace HybridInference.Registry.Fleet;

/// <summary>Between the wire messages of <c>fleet.proto</c> and the records kept in the store.</summary>
internal static class FleetMapping
{
    public static ModelRef? ToRecord(this ModelInUse? model) =>
        model is null || string.IsNullOrEmpty(model.Name) ? null : new ModelRef(model.Name, model.Version, model.Digest);

    public static TelemetryRecord ToRecord(this Telemetry t, DateTimeOffset receivedAt) => new(
        t.TimestampUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(t.TimestampUnixMs) : receivedAt,
        t.InferenceCount,
        t.LatencyP50Ms,
        t.LatencyP95Ms,
        t.LatencyP99Ms,
        [.. t.ConfidenceHistogram],
        t.HasEscalationRate ? t.EscalationRate : null,
        t.GpuTemperatureC,
        t.GpuUtilisation,
        t.GpuMemoryUsedMib,
        t.GpuMemoryTotalMib,
        t.Throttled,
        t.Model.ToRecord());

    public static StateReportRecord ToRecord(this StateReport r, DateTimeOffset receivedAt) =>
        new(r.Generation, r.Status, r.Detail, r.Model.ToRecord(), receivedAt);

    public static Contracts.Fleet.Grpc.DesiredState ToMessage(this DesiredState desired)
    {
        var message = new Contracts.Fleet.Grpc.DesiredState
        {
            Generation = desired.Generation,
            ModelName = desired.Model.Name,
            ModelVersion = desired.Model.Version,
            Digest = desired.Model.Digest,
            SizeBytes = desired.SizeBytes,
        };
        message.Rules.AddRange(desired.Rules.Select(r => new RoutingRule { Name = r.Name, Expression = r.Expression }));
        return message;
    }
}

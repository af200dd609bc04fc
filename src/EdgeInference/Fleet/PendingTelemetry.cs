using HybridInference.Contracts.Fleet.Grpc;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>A telemetry message in the <see cref="TelemetryOutbox"/>, numbered so that removing it after the send cannot remove a newer one.</summary>
public sealed record PendingTelemetry(long Sequence, Telemetry Message);

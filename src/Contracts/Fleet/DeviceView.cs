namespace HybridInference.Contracts.Fleet;

/// <summary>
/// A device as the fleet view (<c>GET /api/fleet/devices</c>) shows it. <see cref="State"/> is <c>online</c> or
/// <c>offline</c> (silent longer than <c>Fleet:OfflineAfterSeconds</c>); <see cref="Converged"/> is true when the
/// model the device reports is the desired one; <see cref="Health"/> is <c>healthy</c>, <c>throttled</c>,
/// <c>failed</c> (the last desired state was refused), <c>offline</c> or <c>unknown</c> (no telemetry yet).
/// </summary>
public sealed record DeviceView(
    string Id,
    string Site,
    string Group,
    string Hardware,
    string SoftwareVersion,
    string State,
    string Health,
    DateTimeOffset? LastSeen,
    DateTimeOffset RegisteredAt,
    ModelRef? Running,
    DesiredState? Desired,
    bool Converged,
    StateReportRecord? LastReport,
    TelemetryRecord? Telemetry);

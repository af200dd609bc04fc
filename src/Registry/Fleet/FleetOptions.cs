using System.ComponentModel.DataAnnotations;

namespace HybridInference.Registry.Fleet;

/// <summary>Settings of the fleet manager (section <c>Fleet</c>).</summary>
public sealed class FleetOptions
{
    public const string SectionName = "Fleet";

    /// <summary>A device not heard from for this long is shown offline. <value>Defaults to 15 s.</value></summary>
    [Range(1, 3600, ErrorMessage = "Fleet:OfflineAfterSeconds must be between 1 and 3600.")]
    public int OfflineAfterSeconds { get; set; } = 15;

    /// <summary>How often devices are told to send telemetry. <value>Defaults to 5 s.</value></summary>
    [Range(1, 300, ErrorMessage = "Fleet:TelemetryIntervalSeconds must be between 1 and 300.")]
    public int TelemetryIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// How often an open device stream looks for a new desired state in the store. Polling the store, rather
    /// than an in-process signal, lets the replica that took the PUT differ from the one holding the stream.
    /// <value>Defaults to 500 ms.</value>
    /// </summary>
    [Range(50, 60_000, ErrorMessage = "Fleet:DesiredPollMilliseconds must be between 50 and 60000.")]
    public int DesiredPollMilliseconds { get; set; } = 500;

    /// <summary>Telemetry messages kept per device. <value>Defaults to 120 (10 minutes at 5 s).</value></summary>
    [Range(1, 100_000, ErrorMessage = "Fleet:TelemetryHistory must be between 1 and 100000.")]
    public int TelemetryHistory { get; set; } = 120;

    /// <summary>The most routing rules one desired state may carry (each is parsed and evaluated by the router on every request of the device). <value>Defaults to 32.</value></summary>
    [Range(1, 256, ErrorMessage = "Fleet:MaxRulesPerDevice must be between 1 and 256.")]
    public int MaxRulesPerDevice { get; set; } = 32;
}

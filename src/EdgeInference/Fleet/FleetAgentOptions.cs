using System.ComponentModel.DataAnnotations;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>How the edge node follows the registry's fleet manager (section <c>Fleet</c>).</summary>
public sealed class FleetAgentOptions
{
    public const string SectionName = "Fleet";

    /// <summary>The section of the keys the node trusts to sign the versions it loads (<see cref="HybridInference.Inference.Signing.ModelTrustOptions"/>).</summary>
    public const string SigningSectionName = SectionName + ":Signing";

    /// <summary>
    /// The registry's HTTP address (artifact downloads). <value>Defaults to <c>services:registry:http:0</c>,
    /// which the AppHost's <c>WithReference(registry)</c> sets; unset, the node follows no registry.</value>
    /// </summary>
    public string? RegistryHttpAddress { get; set; }

    /// <summary>The registry's gRPC (h2c) address. <value>Defaults to <c>services:registry:grpc:0</c>.</value></summary>
    public string? RegistryGrpcAddress { get; set; }

    /// <summary>
    /// Where downloaded models are kept, one sub-directory per device (Triton layout), with the current and the
    /// previous version: the node starts from there when the registry is unreachable.
    /// <value>Defaults to <c>.data/fleet</c> under the content root.</value>
    /// </summary>
    [Required(ErrorMessage = "Fleet:CacheDirectory is required: where the edge node keeps downloaded models.")]
    public string CacheDirectory { get; set; } = ".data/fleet";

    /// <summary>First wait before reconnecting to the registry; doubled per failure. <value>Defaults to 1 s.</value></summary>
    [Range(1, 300, ErrorMessage = "Fleet:ReconnectMinSeconds must be between 1 and 300.")]
    public int ReconnectMinSeconds { get; set; } = 1;

    /// <summary>Longest wait between reconnection attempts. <value>Defaults to 30 s.</value></summary>
    [Range(1, 3600, ErrorMessage = "Fleet:ReconnectMaxSeconds must be between 1 and 3600.")]
    public int ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>Telemetry interval until the registry names one at registration. <value>Defaults to 5 s.</value></summary>
    [Range(1, 300, ErrorMessage = "Fleet:TelemetryIntervalSeconds must be between 1 and 300.")]
    public int TelemetryIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Telemetry messages kept while the registry is unreachable, sent in order when the stream is back; when
    /// full the oldest is dropped and counted (<c>edge.fleet.telemetry.dropped</c>).
    /// <value>Defaults to 720 (an hour at 5 s).</value>
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Fleet:TelemetryBufferSize must be between 1 and 100000.")]
    public int TelemetryBufferSize { get; set; } = 720;

    /// <summary>Whether a registry is configured at all.</summary>
    public bool FollowsRegistry => !string.IsNullOrWhiteSpace(RegistryGrpcAddress) && !string.IsNullOrWhiteSpace(RegistryHttpAddress);
}

using System.ComponentModel.DataAnnotations;

namespace HybridInference.Router.Links;

/// <summary>
/// A simulated wide-area link between the site and the cloud (section <c>Links:Cloud</c>), so that the
/// edge/cloud trade-off is real in development: the cloud is further away than the edge.
/// </summary>
public sealed class SimulatedLinkOptions
{
    public const string CloudSection = "Links:Cloud";

    /// <summary>Added round-trip time. <value>Defaults to 40 ms.</value></summary>
    [Range(0, 60_000)]
    public double LatencyMs { get; set; } = 40;

    /// <summary>Up to this much more, uniformly at random, per round trip. <value>Defaults to 5 ms.</value></summary>
    [Range(0, 60_000)]
    public double JitterMs { get; set; } = 5;

    /// <summary>Link bandwidth in kilobits per second for the request and answer bodies; 0 = unlimited. <value>Defaults to 0.</value></summary>
    [Range(0, 100_000_000)]
    public double BandwidthKbps { get; set; }
}

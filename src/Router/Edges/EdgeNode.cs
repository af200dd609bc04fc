using HybridInference.Router.Routing;

namespace HybridInference.Router.Edges;

/// <summary>
/// One edge node as the router knows it: its address, the site and device state it last reported on
/// <c>/device</c>, and the latency of the router's recent calls to it.
/// </summary>
public sealed class EdgeNode(string name, Uri address, LatencyWindow latency, Uri? http2Address = null)
{
    private volatile DeviceReport? _report;

    public string Name { get; } = name;

    /// <summary>The node's HTTP/1.1 address: health reads, metadata, and inference when it has no HTTP/2 address.</summary>
    public Uri Address { get; } = address;

    /// <summary>Where inference calls go: the HTTP/2 (h2c) address when the node has one, else <see cref="Address"/>.</summary>
    public Uri InferAddress { get; } = http2Address ?? address;

    /// <summary>The HTTP version of inference calls: 2.0 to an HTTP/2 address, else 1.1.</summary>
    public Version InferVersion { get; } = http2Address is null ? System.Net.HttpVersion.Version11 : System.Net.HttpVersion.Version20;

    public LatencyWindow Latency { get; } = latency;

    /// <summary>The site from the node's last report; null until it reported once.</summary>
    public string? Site => _report?.Site;

    /// <summary>The id the fleet manager knows the node by: the one it reports, else its name (the AppHost uses the name).</summary>
    public string DeviceId => _report?.DeviceId ?? Name;

    public DeviceReport? LastReport => _report;

    public void Report(DeviceReport report) => _report = report;

    /// <summary>What the health rules see; null until the node reported.</summary>
    public EdgeHealth? Health(bool linkDown) => _report is { } r
        ? new EdgeHealth(r.GpuTemperatureCelsius, r.Throttled, Latency.P95(), linkDown, r.ObservedAt)
        : null;
}

/// <summary>The fields of an edge node's <c>GET /device</c> answer that routing uses.</summary>
public sealed record DeviceReport(string DeviceId, string Site, double GpuTemperatureCelsius, bool Throttled, DateTimeOffset ObservedAt);

using System.ComponentModel.DataAnnotations;

namespace HybridInference.Router.Edges;

/// <summary>The edge nodes the router sends to (section <c>Edges</c>).</summary>
public sealed class EdgeNodesOptions
{
    public const string SectionName = "Edges";

    /// <summary>YARP cluster that holds the edge nodes.</summary>
    public const string ClusterId = "edge";

    /// <summary>
    /// Node names. Each node's address is <c>Edges:Addresses:{name}</c> when set, else the service discovery
    /// entry <c>services:{name}:http:0</c> that Aspire injects. The AppHost fills this list.
    /// </summary>
    [MinLength(1, ErrorMessage = "Edges:Nodes must name at least one edge node.")]
    public List<string> Nodes { get; set; } = [];

    /// <summary>Explicit addresses by node name (a cluster without service discovery).</summary>
    public Dictionary<string, string> Addresses { get; set; } = [];

    /// <summary>
    /// When true, inference calls go to each node over HTTP/2 without TLS (h2c), on the node's HTTP/2 endpoint:
    /// <c>Edges:Http2Addresses:{name}</c> when set, else the service discovery entry <c>services:{name}:grpc:0</c>
    /// (the edge's HTTP/2 endpoint serves the whole OIP API, not only gRPC); a node with neither is called over
    /// HTTP/1.1. One multiplexed connection per node instead of one per concurrent call cut the edge node's CPU per
    /// routed single-image request by about 30 % and the router's by about 10 % (docs/BENCHMARKS.md). It was opt-in
    /// while a node's first calls (cold connection and code) could push its p95 past the slow-edge rule; those calls
    /// are no longer counted (<see cref="LatencyWindow"/>). The <c>/device</c> polls go over the same transport (so a
    /// node's HTTP/2 endpoint that stops answering leaves rotation); YARP's checks stay on the HTTP/1.1 address.
    /// <value>Defaults to true.</value>
    /// </summary>
    public bool Http2 { get; set; } = true;

    /// <summary>Explicit HTTP/2 (h2c) addresses by node name, for <see cref="Http2"/>.</summary>
    public Dictionary<string, string> Http2Addresses { get; set; } = [];

    /// <summary>
    /// How often each node's <c>/device</c> health is read. A node that stopped answering leaves rotation when a read
    /// fails, which takes up to this plus the read's timeout (<see cref="HealthTimeoutMs"/>): 500 ms keeps that within
    /// the 2 s a dead node may take (at 1000 ms the chaos suite measured 1.77 and 2.17 s). <value>Defaults to 500 ms.</value>
    /// </summary>
    [Range(100, 60_000)]
    public int HealthPollMs { get; set; } = 500;

    /// <summary>A <c>/device</c> read slower than this fails (and takes the node out of rotation). <value>Defaults to 1000 ms.</value></summary>
    [Range(10, 60_000)]
    public int HealthTimeoutMs { get; set; } = 1_000;

    /// <summary>Edge inference calls slower than this fail over to another node. <value>Defaults to 1000 ms.</value></summary>
    [Range(10, 60_000)]
    public int TimeoutMs { get; set; } = 1_000;

    /// <summary>
    /// An edge call slower than this is hedged: a second node is asked too and the first answer wins; 0 = only
    /// on failure. <value>Defaults to 50 ms (about 10x the median edge call in development).</value>
    /// </summary>
    [Range(0, 60_000)]
    public int HedgeAfterMs { get; set; } = 50;

    /// <summary>Recent calls per node that its p95 latency is computed over. <value>Defaults to 200.</value></summary>
    [Range(10, 100_000)]
    public int LatencyWindow { get; set; } = 200;

    /// <summary>
    /// Oldest call, in seconds, that still counts towards a node's p95: a node bypassed for being slow gets no
    /// calls, so its p95 must forget the slow spell for the node to come back. <value>Defaults to 30.</value>
    /// </summary>
    [Range(1, 3_600)]
    public int LatencyWindowSeconds { get; set; } = 30;
}

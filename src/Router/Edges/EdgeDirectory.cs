using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace HybridInference.Router.Edges;

/// <summary>
/// The configured edge nodes with their addresses resolved, and the YARP cluster built from them: YARP
/// keeps their health (active checks on <c>/health</c>) and their weights (canaries, A/B tests).
/// </summary>
public sealed class EdgeDirectory
{
    public EdgeDirectory(IOptions<EdgeNodesOptions> options, IConfiguration configuration, TimeProvider time)
    {
        var settings = options.Value;
        List<string> errors = [];
        Dictionary<string, EdgeNode> nodes = new(StringComparer.Ordinal);
        foreach (var name in settings.Nodes)
        {
            var address = settings.Addresses.GetValueOrDefault(name) ?? configuration[$"services:{name}:http:0"];
            if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"Edges: node '{name}' has no usable address (set Edges:Addresses:{name} or services:{name}:http:0; got '{address}')");
                continue;
            }

            Uri? http2 = null;
            if (settings.Http2 && (settings.Http2Addresses.GetValueOrDefault(name) ?? configuration[$"services:{name}:grpc:0"]) is { } h2)
            {
                if (!Uri.TryCreate(h2, UriKind.Absolute, out http2) || http2.Scheme != "http")
                {
                    errors.Add($"Edges: node '{name}' has an unusable HTTP/2 address (Edges:Http2Addresses:{name} or services:{name}:grpc:0 must be an absolute http:// address for h2c; got '{h2}'; or set Edges:Http2 to false)");
                    continue;
                }
            }

            nodes[name] = new EdgeNode(name, uri, new LatencyWindow(settings.LatencyWindow, TimeSpan.FromSeconds(settings.LatencyWindowSeconds), time), http2);
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(EdgeNodesOptions.SectionName, typeof(EdgeNodesOptions), errors);
        }

        Nodes = nodes;
        // Both addresses of a node name it: its inference calls (HTTP/2) key its breaker by this name.
        _byAuthority = nodes.Values
            .SelectMany(n => new[] { (Authority: n.Address.GetLeftPart(UriPartial.Authority), n.Name), (Authority: n.InferAddress.GetLeftPart(UriPartial.Authority), n.Name) })
            .GroupBy(a => a.Authority, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<string, string> _byAuthority;

    public IReadOnlyDictionary<string, EdgeNode> Nodes { get; }

    /// <summary>The node a call is addressed to (its name keys the node's own resilience pipeline); the authority itself for an address no node has.</summary>
    public string NodeOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authority = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : "";
        return _byAuthority.GetValueOrDefault(authority, authority);
    }

    /// <summary>The YARP cluster of every node, equally weighted, health-checked on <c>/health</c>.</summary>
    public ClusterConfig Cluster() => new()
    {
        ClusterId = EdgeNodesOptions.ClusterId,
        LoadBalancingPolicy = HybridInference.Router.LoadBalancing.WeightedLoadBalancing.PolicyName,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1), Path = "/health", Policy = "ConsecutiveFailures" },
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(5) },
            AvailableDestinationsPolicy = "HealthyOrPanic",
        },
        Destinations = Nodes.Values.ToDictionary(
            n => n.Name,
            n => new DestinationConfig
            {
                Address = n.Address.ToString(),
                Metadata = new Dictionary<string, string> { [HybridInference.Router.LoadBalancing.WeightedLoadBalancing.WeightMetadataKey] = "1" },
            }),
    };
}

using HybridInference.Router.Fleet;
using HybridInference.Router.LoadBalancing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Edges;

/// <summary>
/// Picks the edge node for a request: among the nodes YARP currently considers available (active and
/// passive health) and the registry does not mark offline, those of the request's site when it names one,
/// weighted by the cluster's weights (canaries), skipping nodes this request already failed on.
/// </summary>
/// <remarks>
/// The weighted split is asked directly (<see cref="WeightedLoadBalancingPolicy.Pick"/>), not through YARP's
/// <see cref="ILoadBalancingPolicy"/> entry point, which wants an <see cref="HttpContext"/> it does not read: the
/// serving path (HTTP and gRPC) then carries no HTTP request into the domain services.
/// </remarks>
public sealed class EdgeSelector(IProxyStateLookup proxy, EdgeDirectory directory, IEnumerable<ILoadBalancingPolicy> policies, IDestinationHealthUpdater health, FleetView fleet)
{
    private readonly WeightedLoadBalancingPolicy _weighted = policies.OfType<WeightedLoadBalancingPolicy>().First();

    /// <summary>A node, or null when none is left.</summary>
    /// <summary>Whether one of the router's nodes reports <paramref name="site"/> as its site.</summary>
    public bool IsKnownSite(string site) => directory.Nodes.Values.Any(n => string.Equals(n.Site, site, StringComparison.Ordinal));

    public EdgeNode? Pick(string? site, IReadOnlyCollection<string> exclude, bool allowOtherSites)
    {
        if (!proxy.TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster))
        {
            return null;
        }

        var available = Available(cluster)
            .Where(d => !exclude.Contains(d.DestinationId))
            .Where(d => site is null || (directory.Nodes.TryGetValue(d.DestinationId, out var n) && n.Site == site))
            .ToList();

        // A site whose nodes are all down is served by another site's node rather than not at all.
        if (available.Count == 0 && site is not null && allowOtherSites)
        {
            return Pick(null, exclude, allowOtherSites);
        }

        var picked = _weighted.Pick(cluster, available);
        return picked is not null && directory.Nodes.TryGetValue(picked.DestinationId, out var node) ? node : null;
    }

    /// <summary>Whether <paramref name="node"/> may be picked now (the admin view of each node).</summary>
    public bool InRotation(string node) => proxy.TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster) && Available(cluster).Any(d => d.DestinationId == node);

    /// <summary>Whether any node may be asked now (readiness).</summary>
    public bool AnyAvailable() => proxy.TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster) && Available(cluster).Any();

    /// <summary>
    /// YARP's available nodes less those the registry marks offline. The registry hears the device's own
    /// stream, so a node whose HTTP endpoints still answer but which the fleet manager lost (a wedged agent,
    /// a partitioned device) gets no traffic; a node the registry does not know is judged by YARP alone.
    /// </summary>
    private IEnumerable<DestinationState> Available(ClusterState cluster) =>
        cluster.DestinationsState.AvailableDestinations
            .Where(d => !(directory.Nodes.TryGetValue(d.DestinationId, out var n) && fleet.IsOffline(n.DeviceId)));

    /// <summary>
    /// Takes a node that just failed a call without an answer (refused, reset, timed out) out of rotation for a few
    /// seconds (YARP's passive health), so the next requests do not try it first. Error answers are not reported
    /// here: one 503 says little about the next call, so those are judged by the node's circuit breaker on a rate.
    /// </summary>
    public void ReportFailure(EdgeNode node) => Eject(node.Name, TimeSpan.FromSeconds(5));

    /// <summary>Takes a node out of rotation for <paramref name="period"/> (YARP's passive health); its open circuit breaker does this for the break.</summary>
    public void Eject(string node, TimeSpan period)
    {
        if (!proxy.TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster))
        {
            return;
        }

        var destination = cluster.Destinations.GetValueOrDefault(node);
        if (destination is not null)
        {
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        }
    }
}

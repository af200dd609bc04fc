using HybridInference.Router.Routing;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.LoadBalancing;

/// <summary>
/// Picks among the available (healthy) destinations with probability proportional to their weight. Weights
/// are relative and need not sum to 100; weight 0 means no traffic (a drained or rolled-back destination).
/// </summary>
internal sealed partial class WeightedLoadBalancingPolicy(IRandomSource random, ILogger<WeightedLoadBalancingPolicy> logger) : ILoadBalancingPolicy
{
    public string Name => WeightedLoadBalancing.PolicyName;

    /// <summary>YARP's entry point; the split reads only the weights and a random draw, never the request.</summary>
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        Pick(cluster, availableDestinations);

    /// <summary>One of <paramref name="availableDestinations"/> by weight, or null when none has a weight above 0.</summary>
    public DestinationState? Pick(ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(availableDestinations);
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        Span<double> weights = availableDestinations.Count <= 32 ? stackalloc double[availableDestinations.Count] : new double[availableDestinations.Count];
        var total = 0.0;
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            var destination = availableDestinations[i];

            // The cluster validator refuses bad weights, so this is only reached with a config that bypassed it.
            if (!DestinationWeight.TryRead(destination.Model.Config, out weights[i], out var error))
            {
                Log.InvalidWeight(logger, cluster.ClusterId, destination.DestinationId, error!);
            }

            total += weights[i];
        }

        // Zero weight is an operator's "no traffic": honour it rather than spreading load onto, say, a rolled-back canary.
        if (total <= 0)
        {
            Log.NoWeight(logger, cluster.ClusterId, availableDestinations.Count);
            return null;
        }

        var point = random.NextDouble() * total;
        DestinationState? lastPositive = null;
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            lastPositive = availableDestinations[i];
            point -= weights[i];
            if (point < 0)
            {
                return lastPositive;
            }
        }

        // Rounding can leave the point at the very end of the range.
        return lastPositive;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Cluster {ClusterId}: none of the {Count} available destination(s) has a weight above 0; no destination picked")]
        public static partial void NoWeight(ILogger logger, string clusterId, int count);

        [LoggerMessage(2, LogLevel.Warning, "Cluster {ClusterId} destination {DestinationId}: {Error}; treated as weight 0")]
        public static partial void InvalidWeight(ILogger logger, string clusterId, string destinationId, string error);
    }
}

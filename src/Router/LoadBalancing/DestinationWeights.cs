using Yarp.ReverseProxy.Configuration;

namespace HybridInference.Router.LoadBalancing;

/// <summary>
/// Changes weights by publishing a new configuration through YARP's <see cref="InMemoryConfigProvider"/>, so the
/// change goes through YARP's own validation and swap, like any other configuration change.
/// </summary>
internal sealed partial class DestinationWeights(InMemoryConfigProvider provider, ILogger<DestinationWeights> logger) : IDestinationWeights
{
    // Serialises read-modify-write: two concurrent changes must not each publish a copy missing the other.
    private readonly Lock _gate = new();

    public IReadOnlyDictionary<string, double> Get(string clusterId)
    {
        var cluster = Find(provider.GetConfig(), clusterId);
        return (cluster.Destinations ?? new Dictionary<string, DestinationConfig>()).ToDictionary(
            d => d.Key,
            d => DestinationWeight.TryRead(d.Value, out var weight, out _) ? weight : 0,
            StringComparer.OrdinalIgnoreCase);
    }

    public void Set(string clusterId, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        lock (_gate)
        {
            var config = provider.GetConfig();
            var cluster = Find(config, clusterId);
            if (!WeightedLoadBalancing.IsWeighted(cluster.LoadBalancingPolicy))
            {
                throw new ArgumentException(
                    $"cluster '{clusterId}' uses the load balancing policy '{cluster.LoadBalancingPolicy ?? "(default)"}', not '{WeightedLoadBalancing.PolicyName}': weights would have no effect",
                    nameof(clusterId));
            }

            var destinations = new Dictionary<string, DestinationConfig>(cluster.Destinations ?? new Dictionary<string, DestinationConfig>(), StringComparer.OrdinalIgnoreCase);
            var errors = new List<string>();
            foreach (var (id, weight) in weights)
            {
                if (!destinations.ContainsKey(id))
                {
                    errors.Add($"destination '{id}' is not in cluster '{clusterId}' (known: {string.Join(", ", destinations.Keys)})");
                }
                else if (!DestinationWeight.IsValid(weight))
                {
                    errors.Add($"weight of '{id}' must be a finite number >= 0 (was {DestinationWeight.Format(weight)})");
                }
            }

            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Join("; ", errors), nameof(weights));
            }

            foreach (var (id, weight) in weights)
            {
                var destination = destinations[id];
                var metadata = new Dictionary<string, string>(destination.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
                {
                    [WeightedLoadBalancing.WeightMetadataKey] = DestinationWeight.Format(weight),
                };
                destinations[id] = destination with { Metadata = metadata };
            }

            var clusters = config.Clusters.Select(c => ReferenceEquals(c, cluster) ? cluster with { Destinations = destinations } : c).ToArray();
            provider.Update(config.Routes, clusters);
            Log.WeightsChanged(logger, clusterId, string.Join(", ", weights.Select(w => $"{w.Key}={DestinationWeight.Format(w.Value)}")));
        }
    }

    private static ClusterConfig Find(IProxyConfig config, string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return config.Clusters.FirstOrDefault(c => string.Equals(c.ClusterId, clusterId, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"no cluster '{clusterId}' (known: {string.Join(", ", config.Clusters.Select(c => c.ClusterId))})");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Cluster {ClusterId}: weights set to {Weights}")]
        public static partial void WeightsChanged(ILogger logger, string clusterId, string weights);
    }
}

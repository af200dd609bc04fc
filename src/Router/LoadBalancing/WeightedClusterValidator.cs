using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Configuration.ClusterValidators;

namespace HybridInference.Router.LoadBalancing;

/// <summary>
/// Refuses a weighted cluster whose destinations lack a valid weight, so a typo fails the configuration
/// (at start, or the reload is rejected) instead of silently taking a destination out of rotation.
/// </summary>
internal sealed class WeightedClusterValidator : IClusterValidator
{
    public ValueTask ValidateAsync(ClusterConfig cluster, IList<Exception> errors)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(errors);
        if (!WeightedLoadBalancing.IsWeighted(cluster.LoadBalancingPolicy) || cluster.Destinations is null)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var (id, destination) in cluster.Destinations)
        {
            if (!DestinationWeight.TryRead(destination, out _, out var error))
            {
                errors.Add(new ArgumentException(
                    $"Cluster '{cluster.ClusterId}' uses the '{WeightedLoadBalancing.PolicyName}' load balancing policy but destination '{id}' has no valid weight: {error}."));
            }
        }

        return ValueTask.CompletedTask;
    }
}

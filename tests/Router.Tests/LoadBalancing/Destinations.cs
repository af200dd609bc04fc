using HybridInference.Router.LoadBalancing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Tests.LoadBalancing;

/// <summary>YARP destinations and clusters with weight metadata, for policy and validator tests.</summary>
internal static class Destinations
{
    public static DestinationConfig Config(string? weight, string address = "http://127.0.0.1:1") => new()
    {
        Address = address,
        Metadata = weight is null ? null : new Dictionary<string, string> { [WeightedLoadBalancing.WeightMetadataKey] = weight },
    };

    public static DestinationState State(string id, string? weight) => new(id, new DestinationModel(Config(weight)));

    public static ClusterConfig Cluster(string id, string? policy, params (string Id, string? Weight)[] destinations) => new()
    {
        ClusterId = id,
        LoadBalancingPolicy = policy,
        Destinations = destinations.ToDictionary(d => d.Id, d => Config(d.Weight), StringComparer.OrdinalIgnoreCase),
    };
}

namespace HybridInference.Router.LoadBalancing;

/// <summary>Names shared by the weighted policy, its validator and the weight service.</summary>
public static class WeightedLoadBalancing
{
    /// <summary>The value of <c>ClusterConfig.LoadBalancingPolicy</c> that selects weighted splitting.</summary>
    public const string PolicyName = "Weighted";

    /// <summary>The <c>DestinationConfig.Metadata</c> key holding a destination's weight (a number &gt;= 0).</summary>
    public const string WeightMetadataKey = "weight";

    public static bool IsWeighted(string? loadBalancingPolicy) =>
        string.Equals(loadBalancingPolicy, PolicyName, StringComparison.OrdinalIgnoreCase);
}

using HybridInference.Router.LoadBalancing;
using HybridInference.Router.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration.ClusterValidators;
using Yarp.ReverseProxy.LoadBalancing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds weighted splitting to YARP, which has no weighted policy of its own.</summary>
public static class WeightedLoadBalancingExtensions
{
    /// <summary>
    /// Registers the <c>Weighted</c> load balancing policy, the validator that refuses weighted clusters without
    /// valid <c>weight</c> metadata, and <see cref="IDestinationWeights"/>, which needs the proxy's configuration
    /// to come from <c>LoadFromMemory</c>.
    /// </summary>
    public static IReverseProxyBuilder AddWeightedLoadBalancing(this IReverseProxyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IRandomSource, SharedRandomSource>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, WeightedLoadBalancingPolicy>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterValidator, WeightedClusterValidator>());
        builder.Services.TryAddSingleton<IDestinationWeights, DestinationWeights>();
        return builder;
    }
}

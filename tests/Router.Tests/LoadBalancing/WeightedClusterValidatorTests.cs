using HybridInference.Router.LoadBalancing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace HybridInference.Router.Tests.LoadBalancing;

/// <summary>Validation as YARP runs it: through its own <see cref="IConfigValidator"/> with our validator plugged in.</summary>
public class WeightedClusterValidatorTests
{
    private static IConfigValidator Validator(bool weighted = true)
    {
        var services = new ServiceCollection().AddLogging();
        var proxy = services.AddReverseProxy();
        if (weighted)
        {
            proxy.AddWeightedLoadBalancing();
        }

        return services.BuildServiceProvider().GetRequiredService<IConfigValidator>();
    }

    [Fact]
    public async Task ValidateCluster_ValidWeights_NoErrors()
    {
        var errors = await Validator().ValidateClusterAsync(Destinations.Cluster("cloud", "Weighted", ("v1", "90"), ("v2", "10"), ("v3", "0")));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ValidateCluster_PolicyNameAnyCase_IsWeighted()
    {
        var errors = await Validator().ValidateClusterAsync(Destinations.Cluster("cloud", "weighted", ("v1", null)));

        Assert.Contains(errors, e => e.Message.Contains("destination 'v1' has no valid weight", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "metadata 'weight' is missing")]
    [InlineData("", "metadata 'weight' is '', not a finite number >= 0")]
    [InlineData("ninety", "metadata 'weight' is 'ninety', not a finite number >= 0")]
    [InlineData("-5", "metadata 'weight' is '-5', not a finite number >= 0")]
    [InlineData("NaN", "metadata 'weight' is 'NaN', not a finite number >= 0")]
    [InlineData("Infinity", "metadata 'weight' is 'Infinity', not a finite number >= 0")]
    public async Task ValidateCluster_BadWeight_ErrorNamesClusterDestinationAndValue(string? weight, string problem)
    {
        var errors = await Validator().ValidateClusterAsync(Destinations.Cluster("cloud", "Weighted", ("v1", "90"), ("v2", weight)));

        var error = Assert.Single(errors);
        Assert.Equal($"Cluster 'cloud' uses the 'Weighted' load balancing policy but destination 'v2' has no valid weight: {problem}.", error.Message);
    }

    [Fact]
    public async Task ValidateCluster_EveryBadDestination_Reported()
    {
        var errors = await Validator().ValidateClusterAsync(Destinations.Cluster("cloud", "Weighted", ("v1", "x"), ("v2", null)));

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task ValidateCluster_OtherPolicyWithoutWeights_NoErrors()
    {
        var errors = await Validator().ValidateClusterAsync(Destinations.Cluster("edges", LoadBalancingPolicies.RoundRobin, ("e1", null)));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ValidateCluster_PolicyNotRegistered_YarpRefusesTheName()
    {
        var errors = await Validator(weighted: false).ValidateClusterAsync(Destinations.Cluster("cloud", "Weighted", ("v1", "1")));

        Assert.Contains(errors, e => e.Message.Contains("Weighted", StringComparison.Ordinal));
    }

    [Fact]
    public void AddWeightedLoadBalancing_Twice_RegistersOnePolicy()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddReverseProxy().AddWeightedLoadBalancing().AddWeightedLoadBalancing();

        var policies = services.BuildServiceProvider().GetServices<ILoadBalancingPolicy>();

        Assert.Single(policies, p => p.Name == WeightedLoadBalancing.PolicyName);
    }
}

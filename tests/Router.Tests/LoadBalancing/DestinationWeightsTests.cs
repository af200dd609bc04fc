using HybridInference.Router.LoadBalancing;
using HybridInference.Router.Tests.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Tests.LoadBalancing;

public class DestinationWeightsTests
{
    private static readonly RouteConfig Route = new() { RouteId = "cloud-route", ClusterId = "cloud", Match = new RouteMatch { Path = "/{**rest}" } };

    private readonly InMemoryConfigProvider _provider = new(
        [Route],
        [
            CloudCluster(),
            Destinations.Cluster("edges", LoadBalancingPolicies.RoundRobin, ("e1", null)),
        ]);

    // v1 carries metadata besides its weight, which a weight change must keep.
    private static ClusterConfig CloudCluster()
    {
        var cloud = Destinations.Cluster("cloud", "Weighted", ("v1", "100"), ("v2", "0"));
        var v1 = cloud.Destinations!["v1"] with { Metadata = new Dictionary<string, string> { ["weight"] = "100", ["version"] = "1" } };
        return cloud with { Destinations = new Dictionary<string, DestinationConfig>(cloud.Destinations, StringComparer.OrdinalIgnoreCase) { ["v1"] = v1 } };
    }

    private DestinationWeights Weights() => new(_provider, NullLogger<DestinationWeights>.Instance);

    [Fact]
    public void Get_WeightedCluster_ReturnsEveryWeight()
    {
        var weights = Weights().Get("cloud");

        Assert.Equal(100, weights["v1"]);
        Assert.Equal(0, weights["v2"]);
    }

    [Fact]
    public void Set_CanaryStep_PublishesNewConfigurationAndSignalsChange()
    {
        var before = _provider.GetConfig();
        Weights().Set("cloud", new Dictionary<string, double> { ["v2"] = 10, ["V1"] = 90 });

        var after = _provider.GetConfig();
        Assert.True(before.ChangeToken.HasChanged);
        Assert.Equal(90, Weights().Get("cloud")["v1"]);
        Assert.Equal(10, Weights().Get("cloud")["v2"]);
        Assert.Equal("1", after.Clusters[0].Destinations!["v1"].Metadata!["version"]);
        Assert.Same(before.Clusters[1], after.Clusters[1]);
        Assert.Same(Route, Assert.Single(after.Routes));
    }

    [Fact]
    public void Set_SomeDestinations_OthersKeepTheirWeights()
    {
        Weights().Set("cloud", new Dictionary<string, double> { ["v2"] = 25 });

        Assert.Equal(100, Weights().Get("cloud")["v1"]);
        Assert.Equal(25, Weights().Get("cloud")["v2"]);
    }

    [Fact]
    public void Set_NewWeights_PolicyFollowsThem()
    {
        Weights().Set("cloud", new Dictionary<string, double> { ["v1"] = 0, ["v2"] = 1 });
        var destinations = _provider.GetConfig().Clusters[0].Destinations!
            .Select(d => new DestinationState(d.Key, new DestinationModel(d.Value))).ToArray();
        var policy = new WeightedLoadBalancingPolicy(FixedRandom.Seeded(3), NullLogger<WeightedLoadBalancingPolicy>.Instance);

        var picks = Enumerable.Range(0, 100).Select(_ => policy.PickDestination(new DefaultHttpContext(), new ClusterState("cloud"), destinations)!.DestinationId);

        Assert.All(picks, p => Assert.Equal("v2", p));
    }

    [Fact]
    public void Set_UnknownCluster_ThrowsNamingKnownClusters()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Weights().Set("clod", new Dictionary<string, double> { ["v1"] = 1 }));

        Assert.Equal("no cluster 'clod' (known: cloud, edges)", ex.Message);
    }

    [Theory]
    [InlineData("v3", 1.0, "destination 'v3' is not in cluster 'cloud' (known: v1, v2)")]
    [InlineData("v2", -1.0, "weight of 'v2' must be a finite number >= 0 (was -1)")]
    [InlineData("v2", double.NaN, "weight of 'v2' must be a finite number >= 0 (was NaN)")]
    [InlineData("v2", double.PositiveInfinity, "weight of 'v2' must be a finite number >= 0 (was Infinity)")]
    public void Set_BadArgument_ThrowsAndChangesNothing(string destination, double weight, string message)
    {
        var before = _provider.GetConfig();

        var ex = Assert.Throws<ArgumentException>(() => Weights().Set("cloud", new Dictionary<string, double> { ["v1"] = 50, [destination] = weight }));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Same(before, _provider.GetConfig());
    }

    [Fact]
    public void Set_ClusterNotWeighted_ThrowsSayingWeightsWouldBeIgnored()
    {
        var ex = Assert.Throws<ArgumentException>(() => Weights().Set("edges", new Dictionary<string, double> { ["e1"] = 1 }));

        Assert.Contains("uses the load balancing policy 'RoundRobin', not 'Weighted'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWeightedLoadBalancing_WithLoadFromMemory_ResolvesTheWeightService()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddReverseProxy().LoadFromMemory([Route], [Destinations.Cluster("cloud", "Weighted", ("v1", "1"))]).AddWeightedLoadBalancing();
        using var provider = services.BuildServiceProvider();

        var weights = provider.GetRequiredService<IDestinationWeights>();
        weights.Set("cloud", new Dictionary<string, double> { ["v1"] = 3 });

        Assert.Equal(3, weights.Get("cloud")["v1"]);
    }
}

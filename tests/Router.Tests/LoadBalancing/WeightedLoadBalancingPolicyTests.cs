using HybridInference.Router.LoadBalancing;
using HybridInference.Router.Routing;
using HybridInference.Router.Tests.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;

namespace HybridInference.Router.Tests.LoadBalancing;

public class WeightedLoadBalancingPolicyTests
{
    private readonly ListLogger _logs = new();
    private readonly ClusterState _cluster = new("edge-site-a");

    private WeightedLoadBalancingPolicy Policy(IRandomSource random) => new(random, new Logger<WeightedLoadBalancingPolicy>(new LoggerFactory([_logs])));

    private Dictionary<string, int> Pick(WeightedLoadBalancingPolicy policy, IReadOnlyList<DestinationState> destinations, int times)
    {
        var counts = destinations.ToDictionary(d => d.DestinationId, _ => 0);
        for (var i = 0; i < times; i++)
        {
            var picked = policy.PickDestination(new DefaultHttpContext(), _cluster, destinations);
            Assert.NotNull(picked);
            counts[picked.DestinationId]++;
        }

        return counts;
    }

    [Fact]
    public void Name_Always_IsWeighted() => Assert.Equal("Weighted", Policy(new FixedRandom(0)).Name);

    [Fact]
    public void PickDestination_NinetyTen_SplitsTenThousandPicksNinetyTen()
    {
        DestinationState[] destinations = [Destinations.State("stable", "90"), Destinations.State("canary", "10")];

        var counts = Pick(Policy(FixedRandom.Seeded(1234)), destinations, 10_000);

        // Binomial(10000, 0.1): standard deviation 30; 4 sigma either side.
        Assert.InRange(counts["canary"], 1_000 - 120, 1_000 + 120);
        Assert.Equal(10_000, counts["stable"] + counts["canary"]);
    }

    [Fact]
    public void PickDestination_RelativeWeights_NeedNotSumToHundred()
    {
        DestinationState[] destinations = [Destinations.State("a", "0.7"), Destinations.State("b", "0.2"), Destinations.State("c", "0.1")];

        var counts = Pick(Policy(FixedRandom.Seeded(99)), destinations, 10_000);

        Assert.InRange(counts["a"], 7_000 - 184, 7_000 + 184);
        Assert.InRange(counts["b"], 2_000 - 160, 2_000 + 160);
        Assert.InRange(counts["c"], 1_000 - 120, 1_000 + 120);
    }

    [Theory]
    [InlineData(0.0, "a")]
    [InlineData(0.2499, "a")]
    [InlineData(0.25, "b")]
    [InlineData(0.9999999, "b")]
    public void PickDestination_FixedDraw_MapsToCumulativeWeight(double draw, string expected)
    {
        DestinationState[] destinations = [Destinations.State("a", "1"), Destinations.State("b", "3")];

        var picked = Policy(new FixedRandom(draw)).PickDestination(new DefaultHttpContext(), _cluster, destinations);

        Assert.Equal(expected, picked?.DestinationId);
    }

    [Fact]
    public void PickDestination_ZeroWeight_NeverPicked()
    {
        DestinationState[] destinations = [Destinations.State("drained", "0"), Destinations.State("live", "5"), Destinations.State("rolled-back", "0")];

        var counts = Pick(Policy(new FixedRandom(0.0, 0.5, 0.9999999)), destinations, 30);

        Assert.Equal(30, counts["live"]);
    }

    [Fact]
    public void PickDestination_AllWeightsZero_PicksNoneAndWarns()
    {
        DestinationState[] destinations = [Destinations.State("a", "0"), Destinations.State("b", "0")];

        var picked = Policy(new FixedRandom(0.5)).PickDestination(new DefaultHttpContext(), _cluster, destinations);

        Assert.Null(picked);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("edge-site-a: none of the 2 available destination(s) has a weight above 0", StringComparison.Ordinal));
    }

    [Fact]
    public void PickDestination_NoAvailableDestination_PicksNone()
    {
        Assert.Null(Policy(new FixedRandom(0.5)).PickDestination(new DefaultHttpContext(), _cluster, []));
    }

    [Fact]
    public void PickDestination_HeavyDestinationUnhealthy_RestSplitByTheirWeights()
    {
        // YARP passes only the destinations its health checks consider available.
        DestinationState[] available = [Destinations.State("b", "10"), Destinations.State("c", "30")];

        var counts = Pick(Policy(FixedRandom.Seeded(7)), available, 10_000);

        Assert.InRange(counts["b"], 2_500 - 174, 2_500 + 174);
    }

    [Theory]
    [InlineData(null, "metadata 'weight' is missing")]
    [InlineData("heavy", "metadata 'weight' is 'heavy', not a finite number >= 0")]
    [InlineData("-1", "metadata 'weight' is '-1', not a finite number >= 0")]
    public void PickDestination_InvalidWeightThatBypassedValidation_TreatedAsZeroAndLogged(string? weight, string message)
    {
        DestinationState[] destinations = [Destinations.State("bad", weight), Destinations.State("good", "1")];

        var counts = Pick(Policy(new FixedRandom(0.0, 0.5)), destinations, 4);

        Assert.Equal(4, counts["good"]);
        Assert.Contains(_logs.Entries, e => e.Message.Contains($"destination bad: {message}; treated as weight 0", StringComparison.Ordinal));
    }

    [Fact]
    public void PickDestination_NullArguments_Throw()
    {
        var policy = Policy(new FixedRandom(0.5));

        Assert.Throws<ArgumentNullException>(() => policy.PickDestination(new DefaultHttpContext(), null!, []));
        Assert.Throws<ArgumentNullException>(() => policy.PickDestination(new DefaultHttpContext(), _cluster, null!));
    }
}

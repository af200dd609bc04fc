using HybridInference.Router.CloudVersions;
using HybridInference.Router.Tests.Routing;

namespace HybridInference.Router.Tests.CloudVersions;

public class CloudVersionWeightsTests
{
    [Fact]
    public void NoWeights_PicksNoVersion_SoCallsGoUnversioned()
    {
        Assert.Null(new CloudVersionWeights(new FixedRandom(0.5)).Pick("fashion"));
    }

    [Fact]
    public void Split95To5_GivesAbout5PercentToTheCanary()
    {
        var weights = new CloudVersionWeights(FixedRandom.Seeded(7));
        weights.Set("fashion", new Dictionary<int, double> { [1] = 95, [2] = 5 });

        var canary = Enumerable.Range(0, 10_000).Count(_ => weights.Pick("fashion") == 2);

        // 500 expected; 5 standard deviations of a binomial (about 22 each) either side.
        Assert.InRange(canary, 390, 610);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.9499, 1)]
    [InlineData(0.95, 2)]
    [InlineData(0.9999, 2)]
    public void Pick_FollowsTheCumulativeWeights(double draw, int expected)
    {
        var weights = new CloudVersionWeights(new FixedRandom(draw));
        weights.Set("fashion", new Dictionary<int, double> { [2] = 5, [1] = 95 });

        Assert.Equal(expected, weights.Pick("fashion"));
    }

    [Fact]
    public void ZeroWeight_NeverPicked()
    {
        var weights = new CloudVersionWeights(FixedRandom.Seeded(3));
        weights.Set("fashion", new Dictionary<int, double> { [1] = 0, [2] = 100, [3] = 0 });

        Assert.All(Enumerable.Range(0, 1_000).Select(_ => weights.Pick("fashion")), v => Assert.Equal(2, v));
    }

    [Fact]
    public void Clear_GoesBackToUnversioned_AndOtherModelsKeepTheirs()
    {
        var weights = new CloudVersionWeights(new FixedRandom(0.1));
        weights.Set("fashion", new Dictionary<int, double> { [1] = 100 });
        weights.Set("digits", new Dictionary<int, double> { [3] = 100 });

        Assert.True(weights.Clear("fashion"));
        Assert.False(weights.Clear("fashion"));
        Assert.Null(weights.Pick("fashion"));
        Assert.Equal(3, weights.Pick("digits"));
    }

    [Fact]
    public void Set_RefusesWeightsThatSendNothing()
    {
        var weights = new CloudVersionWeights(new FixedRandom(0.1));

        Assert.Throws<ArgumentException>(() => weights.Set("fashion", new Dictionary<int, double>()));
        Assert.Throws<ArgumentException>(() => weights.Set("fashion", new Dictionary<int, double> { [1] = 0 }));
    }
}

using HybridInference.Rollouts.Analysis;

namespace HybridInference.Rollouts.Tests.Analysis;

public class StatisticsTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.96, 0.9750021)]
    [InlineData(-1.96, 0.0249979)]
    [InlineData(3, 0.9986501)]
    public void NormalCdf_MatchesTables(double z, double expected) => Assert.Equal(expected, Statistics.NormalCdf(z), 6);

    [Fact]
    public void TwoProportion_TextbookExample()
    {
        // 45 of 100 against 30 of 100: pooled 0.375, z = 0.15 / 0.06847 = 2.191, one-sided p = 0.0142.
        Assert.Equal(0.0142, Statistics.TwoProportionGreater(45, 100, 30, 100), 3);
    }

    [Fact]
    public void TwoProportion_EqualRates_GiveNoEvidence()
    {
        Assert.Equal(0.5, Statistics.TwoProportionGreater(30, 100, 30, 100), 6);
        Assert.Equal(1, Statistics.TwoProportionGreater(0, 100, 0, 50));
        Assert.True(Statistics.TwoProportionGreater(10, 100, 45, 100) > 0.99);
    }

    [Fact]
    public void MannWhitney_SeparatedSamples()
    {
        // U = 25 of 25, mean 12.5, sd sqrt(25 * 11 / 12) = 4.787: z = (25 - 12.5 - 0.5) / 4.787 = 2.507, p = 0.0061.
        Assert.Equal(0.0061, Statistics.MannWhitneyGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]), 3);
        Assert.True(Statistics.MannWhitneyGreater([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) > 0.99);
    }

    [Fact]
    public void MannWhitney_AllTied_GivesNoEvidence()
    {
        Assert.Equal(1, Statistics.MannWhitneyGreater([2, 2, 2], [2, 2]));
        Assert.Throws<ArgumentException>(() => Statistics.MannWhitneyGreater([], [1]));
    }
}

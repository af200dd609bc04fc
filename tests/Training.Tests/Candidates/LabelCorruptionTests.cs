using HybridInference.Training.Candidates;
using HybridInference.Training.Data;

namespace HybridInference.Training.Tests.Candidates;

public class LabelCorruptionTests
{
    private static readonly ImageSet Images = TestData.TestSplit.Take(2000);

    [Fact]
    public void Apply_Nothing_ReturnsTheSameImages()
    {
        Assert.Same(Images, LabelCorruption.Apply(Images, 0, shuffle: false, seed: 1));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Apply_Noise_ChangesExactlyThatShareToAnotherClass(double noise)
    {
        var damaged = LabelCorruption.Apply(Images, noise, shuffle: false, seed: 1);

        Assert.Equal((int)Math.Round(noise * Images.Count), damaged.Labels.Zip(Images.Labels).Count(p => p.First != p.Second));
        Assert.All(damaged.Labels, l => Assert.InRange(l, (byte)0, (byte)9));
        Assert.Same(Images.Pixels, damaged.Pixels);
    }

    [Fact]
    public void Apply_Shuffle_KeepsTheClassMixButBreaksThePairing()
    {
        var damaged = LabelCorruption.Apply(Images, 0, shuffle: true, seed: 1);

        Assert.Equal(Images.Labels.Order(), damaged.Labels.Order());
        var kept = damaged.Labels.Zip(Images.Labels).Count(p => p.First == p.Second) / (double)Images.Count;
        Assert.InRange(kept, 0.05, 0.15);
    }

    [Fact]
    public void Apply_SameSeed_SameLabels()
    {
        Assert.Equal(LabelCorruption.Apply(Images, 0.5, true, 3).Labels, LabelCorruption.Apply(Images, 0.5, true, 3).Labels);
        Assert.NotEqual(LabelCorruption.Apply(Images, 0.5, true, 3).Labels, LabelCorruption.Apply(Images, 0.5, true, 4).Labels);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Apply_NoiseOutOfRange_Throws(double noise)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LabelCorruption.Apply(Images, noise, false, 1));

        Assert.Equal("noise", ex.ParamName);
    }
}

using HybridInference.Training.Data;

namespace HybridInference.Training.Tests.Data;

public class ImageSetTests
{
    private static ImageSet Numbered(int count) =>
        new(Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat(i / 100f, 4)).ToArray(), Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), 2, 2);

    [Fact]
    public void Split_SameSeed_SameDisjointParts()
    {
        var set = Numbered(50);

        var (a1, b1) = set.Split(10, seed: 3);
        var (a2, b2) = set.Split(10, seed: 3);

        Assert.Equal(a1.Pixels, a2.Pixels);
        Assert.Equal(b1.Pixels, b2.Pixels);
        Assert.Equal((40, 10), (a1.Count, b1.Count));
        var firstIds = Enumerable.Range(0, a1.Count).Select(i => a1.Image(i)[0]).ToHashSet();
        Assert.All(Enumerable.Range(0, b1.Count), i => Assert.DoesNotContain(b1.Image(i)[0], firstIds));
    }

    [Fact]
    public void Split_DifferentSeed_DifferentParts() =>
        Assert.NotEqual(Numbered(50).Split(10, 1).Second.Pixels, Numbered(50).Split(10, 2).Second.Pixels);

    [Fact]
    public void Constructor_PixelCountMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => new ImageSet(new float[7], new byte[2], 2, 2));
}

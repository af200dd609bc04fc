using HybridInference.Training.Data;
using HybridInference.Training.Degradation;

namespace HybridInference.Training.Tests.Degradation;

public class DegradationTests
{
    private const int Side = 28;

    private static float[] Image => TestData.TestSplit.Image(0).ToArray();

    public static TheoryData<string> StandardNames => [.. Degradations.Standard.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(StandardNames))]
    public void Apply_StaysInRangeAndChangesImage(string name)
    {
        var degradation = Degradations.Standard.Single(d => d.Name == name);
        var output = new float[Side * Side];

        degradation.Apply(Image, output, Side, new Random(1));

        Assert.All(output, p => Assert.InRange(p, 0f, 1f));
        Assert.NotEqual(Image, output);
    }

    [Theory]
    [MemberData(nameof(StandardNames))]
    public void ApplyToAll_SameSeed_SameResult(string name)
    {
        var degradation = Degradations.Standard.Single(d => d.Name == name);
        var images = TestData.TestSplit.Take(20);

        Assert.Equal(Degradations.ApplyToAll(degradation, images, 9).Pixels, Degradations.ApplyToAll(degradation, images, 9).Pixels);
    }

    [Fact]
    public void BrightnessShift_AddsAndClamps()
    {
        var output = new float[3];
        new BrightnessShift(0.3).Apply([0f, 0.5f, 0.9f], output, 1, new Random(0));
        Assert.Equal(new[] { 0.3f, 0.8f, 1f }, output);
    }

    [Fact]
    public void Occlusion_BlanksExactlyOneSquare()
    {
        var white = Enumerable.Repeat(1f, Side * Side).ToArray();
        var output = new float[Side * Side];

        new Occlusion(10).Apply(white, output, Side, new Random(2));

        Assert.Equal(100, output.Count(p => p == 0f));
    }

    [Fact]
    public void BoxBlur_ConstantImage_Unchanged()
    {
        var grey = Enumerable.Repeat(0.4f, Side * Side).ToArray();
        var output = new float[Side * Side];

        new BoxBlur(1).Apply(grey, output, Side, new Random(0));

        Assert.All(output, p => Assert.Equal(0.4f, p, 1e-6f));
    }

    [Fact]
    public void Rotation_CentrePixelStays()
    {
        // With an odd side the centre is a pixel, and rotating about it keeps it in place.
        var image = new float[9];
        image[4] = 1f;
        var output = new float[9];

        new Rotation(30).Apply(image, output, 3, new Random(5));

        Assert.Equal(1f, output[4], 1e-5f);
    }

    [Fact]
    public void GaussianNoise_ZeroSigma_IsIdentity()
    {
        var output = new float[Side * Side];
        new GaussianNoise(0).Apply(Image, output, Side, new Random(0));
        Assert.Equal(Image, output);
    }

    [Fact]
    public void Constructors_RejectBadSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BrightnessShift(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoxBlur(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Occlusion(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rotation(0));
    }

    [Fact]
    public void ApplyToAll_KeepsLabels()
    {
        var images = TestData.TestSplit.Take(5);
        Assert.Equal(images.Labels, Degradations.ApplyToAll(new BoxBlur(1), images, 0).Labels);
        Assert.IsType<ImageSet>(Degradations.ApplyToAll(new BoxBlur(1), images, 0));
    }
}

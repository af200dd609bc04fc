namespace HybridInference.Training.Degradation;

/// <summary>Adds a constant to every pixel (exposure drift, a lamp switched on); negative darkens.</summary>
public sealed class BrightnessShift(double delta) : IImageDegradation
{
    public double Delta { get; } = delta is >= -1 and <= 1 ? delta : throw new ArgumentOutOfRangeException(nameof(delta), delta, "must be in [-1,1]");

    public string Name => $"brightness{(Delta >= 0 ? "+" : string.Empty)}{Delta:0.###}";

    public void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random)
    {
        for (var i = 0; i < image.Length; i++)
        {
            degraded[i] = Math.Clamp(image[i] + (float)Delta, 0f, 1f);
        }
    }
}

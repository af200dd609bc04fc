namespace HybridInference.Training.Degradation;

/// <summary>Adds independent Gaussian noise to every pixel (sensor noise, low light).</summary>
public sealed class GaussianNoise(double sigma) : IImageDegradation
{
    public double Sigma { get; } = sigma >= 0 ? sigma : throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "must not be negative");

    public string Name => $"noise-{Sigma:0.###}";

    public void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random)
    {
        for (var i = 0; i < image.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            degraded[i] = Math.Clamp(image[i] + (float)(Sigma * z), 0f, 1f);
        }
    }
}

namespace HybridInference.Training.Degradation;

/// <summary>Averages each pixel with its neighbours within <see cref="Radius"/> (defocus, a dirty lens).</summary>
public sealed class BoxBlur(int radius) : IImageDegradation
{
    public int Radius { get; } = radius is >= 1 and <= 5 ? radius : throw new ArgumentOutOfRangeException(nameof(radius), radius, "must be 1..5");

    public string Name => $"blur-{Radius}";

    public void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random)
    {
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                float sum = 0;
                var count = 0;
                for (var dy = -Radius; dy <= Radius; dy++)
                {
                    for (var dx = -Radius; dx <= Radius; dx++)
                    {
                        int sy = y + dy, sx = x + dx;
                        if (sy >= 0 && sy < side && sx >= 0 && sx < side)
                        {
                            sum += image[(sy * side) + sx];
                            count++;
                        }
                    }
                }

                degraded[(y * side) + x] = sum / count;
            }
        }
    }
}

namespace HybridInference.Training.Degradation;

/// <summary>Blanks a randomly placed square (an obstacle, a sticker on the lens).</summary>
public sealed class Occlusion(int size, float fill = 0f) : IImageDegradation
{
    public int Size { get; } = size >= 1 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "must be positive");

    public float Fill { get; } = fill is >= 0f and <= 1f ? fill : throw new ArgumentOutOfRangeException(nameof(fill), fill, "must be in [0,1]");

    public string Name => $"occlusion-{Size}x{Size}";

    public void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random)
    {
        if (Size > side)
        {
            throw new ArgumentException($"an occlusion of {Size} does not fit a {side}x{side} image", nameof(side));
        }

        image.CopyTo(degraded);
        var top = random.Next(side - Size + 1);
        var left = random.Next(side - Size + 1);
        for (var y = top; y < top + Size; y++)
        {
            degraded.Slice((y * side) + left, Size).Fill(Fill);
        }
    }
}

namespace HybridInference.Training.Data;

/// <summary>
/// Images (pixels in [0,1], row-major, image after image) with their class labels.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(float[] pixels, byte[] labels, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (pixels.Length != labels.Length * rows * cols)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make {labels.Length} images of {rows}x{cols}", nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Cols = cols;
    }

    public float[] Pixels { get; }

    public byte[] Labels { get; }

    public int Rows { get; }

    public int Cols { get; }

    public int Count => Labels.Length;

    public int PixelsPerImage => Rows * Cols;

    public ReadOnlySpan<float> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = new float[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = Labels[indices[i]];
        }

        return new ImageSet(pixels, labels, Rows, Cols);
    }

    /// <summary>The first <paramref name="count"/> images.</summary>
    public ImageSet Take(int count) => Select(Enumerable.Range(0, Math.Min(count, Count)).ToArray());

    /// <summary>A seeded shuffle split into (first, second) with <paramref name="secondCount"/> images in the second part.</summary>
    public (ImageSet First, ImageSet Second) Split(int secondCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secondCount, Count);
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return (Select(order[secondCount..]), Select(order[..secondCount]));
    }
}

using HybridInference.Training.Data;

namespace HybridInference.Training.Degradation;

/// <summary>The standard degradation set and a helper to apply one to a whole image set.</summary>
public static class Degradations
{
    /// <summary>One moderate instance of each kind, as reported by the evaluation command.</summary>
    public static IReadOnlyList<IImageDegradation> Standard { get; } =
    [
        new GaussianNoise(0.2),
        new BrightnessShift(0.3),
        new BrightnessShift(-0.3),
        new BoxBlur(1),
        new Occlusion(10),
        new Rotation(20),
    ];

    /// <summary>A degraded copy of every image, reproducible for a given <paramref name="seed"/>.</summary>
    public static ImageSet ApplyToAll(IImageDegradation degradation, ImageSet images, int seed)
    {
        ArgumentNullException.ThrowIfNull(degradation);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rows != images.Cols)
        {
            throw new ArgumentException($"images must be square, not {images.Rows}x{images.Cols}", nameof(images));
        }

        var random = new Random(seed);
        var pixels = new float[images.Pixels.Length];
        for (var i = 0; i < images.Count; i++)
        {
            degradation.Apply(images.Image(i), pixels.AsSpan(i * images.PixelsPerImage, images.PixelsPerImage), images.Rows, random);
        }

        return new ImageSet(pixels, [.. images.Labels], images.Rows, images.Cols);
    }
}

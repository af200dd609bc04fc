using HybridInference.Training.Data;

namespace HybridInference.Training.Candidates;

/// <summary>Damages training labels on purpose, reproducibly from a seed, to make a bad candidate.</summary>
public static class LabelCorruption
{
    /// <summary>
    /// Returns <paramref name="images"/> with the labels permuted (<paramref name="shuffle"/>) and/or a share
    /// <paramref name="noise"/> of them replaced by a different class; the pixels are shared, not copied.
    /// </summary>
    public static ImageSet Apply(ImageSet images, double noise, bool shuffle, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!(noise >= 0 && noise <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "must be in [0, 1]");
        }

        if (noise == 0 && !shuffle)
        {
            return images;
        }

        // A separate stream from the trainer's, so corrupting labels does not also change the initialisation.
        var random = new Random(unchecked(seed * 7919 + 17));
        var labels = (byte[])images.Labels.Clone();
        if (shuffle)
        {
            random.Shuffle(labels);
        }

        if (noise > 0)
        {
            // Exactly round(noise * n) labels change, so noise 1 means every label is wrong.
            var order = Enumerable.Range(0, labels.Length).ToArray();
            random.Shuffle(order);
            foreach (var index in order.AsSpan(0, (int)Math.Round(noise * labels.Length)))
            {
                labels[index] = (byte)((labels[index] + 1 + random.Next(FashionMnist.ClassCount - 1)) % FashionMnist.ClassCount);
            }
        }

        return new ImageSet(images.Pixels, labels, images.Rows, images.Cols);
    }
}

using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline.Validation;

/// <summary>
/// Drift measures between new images and the training data: the population stability index (PSI) of the
/// per-image mean intensity, and the distance between each class's mean image.
/// </summary>
public static class IntensityDrift
{
    public const int Bins = 10;

    // Empty bins would make the logarithm infinite; this floor is the usual PSI convention.
    private const double Floor = 1e-4;

    /// <summary>PSI over <see cref="Bins"/> bins cut at the reference's deciles, so each reference bin holds 10 %.</summary>
    public static double Psi(ImageSet reference, ImageSet current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var referenceMeans = MeanIntensities(reference);
        var sorted = (double[])referenceMeans.Clone();
        Array.Sort(sorted);
        var edges = Enumerable.Range(1, Bins - 1).Select(i => sorted[i * sorted.Length / Bins]).ToArray();
        var expected = Histogram(referenceMeans, edges);
        var actual = Histogram(MeanIntensities(current), edges);
        double psi = 0;
        for (var b = 0; b < Bins; b++)
        {
            var e = Math.Max(expected[b], Floor);
            var a = Math.Max(actual[b], Floor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>
    /// For each class present in both sets, the root-mean-square difference between its mean image here and
    /// in the reference (pixels in [0,1]); NaN for a class missing from either.
    /// </summary>
    public static double[] ClassMeanDistances(ImageSet reference, ImageSet current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var a = ClassMeans(reference);
        var b = ClassMeans(current);
        var distances = new double[FashionMnist.ClassCount];
        for (var c = 0; c < distances.Length; c++)
        {
            if (a[c] is null || b[c] is null)
            {
                distances[c] = double.NaN;
                continue;
            }

            double sum = 0;
            for (var p = 0; p < a[c]!.Length; p++)
            {
                var d = a[c]![p] - b[c]![p];
                sum += d * d;
            }

            distances[c] = Math.Sqrt(sum / a[c]!.Length);
        }

        return distances;
    }

    public static double[] MeanIntensities(ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var means = new double[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            means[i] = System.Numerics.Tensors.TensorPrimitives.Sum(images.Image(i)) / images.PixelsPerImage;
        }

        return means;
    }

    private static double[] Histogram(double[] values, double[] edges)
    {
        var counts = new double[Bins];
        foreach (var v in values)
        {
            var bin = Array.BinarySearch(edges, v);
            counts[bin >= 0 ? bin + 1 : ~bin]++;
        }

        for (var b = 0; b < Bins; b++)
        {
            counts[b] /= values.Length;
        }

        return counts;
    }

    private static double[]?[] ClassMeans(ImageSet images)
    {
        var sums = new double[]?[FashionMnist.ClassCount];
        var counts = new int[FashionMnist.ClassCount];
        for (var i = 0; i < images.Count; i++)
        {
            var label = images.Labels[i];
            var sum = sums[label] ??= new double[images.PixelsPerImage];
            var image = images.Image(i);
            for (var p = 0; p < image.Length; p++)
            {
                sum[p] += image[p];
            }

            counts[label]++;
        }

        for (var c = 0; c < sums.Length; c++)
        {
            if (sums[c] is { } sum)
            {
                for (var p = 0; p < sum.Length; p++)
                {
                    sum[p] /= counts[c];
                }
            }
        }

        return sums;
    }
}

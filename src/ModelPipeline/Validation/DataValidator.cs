using System.Globalization;
using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline.Validation;

/// <summary>
/// Step 2 of the pipeline: checks a folder of new labelled images before any training is spent on it.
/// </summary>
public static class DataValidator
{
    public const string Schema = "schema";
    public const string ValueRange = "value range";
    public const string Size = "size";
    public const string ClassesPresent = "every class present";
    public const string ClassBalance = "class balance";
    public const string IntensityDriftCheck = "drift: mean-intensity PSI";
    public const string ClassMeanDrift = "drift: class mean images";

    // An image whose brightest and darkest pixels are this close carries no object: blank, saturated or covered.
    private const float FlatRange = 0.1f;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Loads and checks <paramref name="directory"/>; the images are null when they could not be read.</summary>
    public static (CheckReport Report, ImageSet? Images) Validate(string directory, ImageSet reference, DataValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        ImageSet images;
        DataSplit split;
        try
        {
            (images, split) = LabelledData.Load(directory);
        }
        catch (DataFormatException ex)
        {
            return (new CheckReport("validate", [new CheckResult(Schema, false, "unreadable", "IDX magic 0x803/0x801, 28x28, labels 0-9, counts agree", ex.Message), .. NotRun(options)]), null);
        }

        var schema = new CheckResult(Schema, true, $"{images.Count:N0} images {images.Rows}x{images.Cols} with labels ({FashionMnist.ImagesFile(split)})", "IDX magic 0x803/0x801, 28x28, labels 0-9, counts agree", "");
        return (new CheckReport("validate", [schema, .. Check(images, reference, options)]), images);
    }

    /// <summary>The checks after the schema, on images already loaded.</summary>
    public static IReadOnlyList<CheckResult> Check(ImageSet images, ImageSet reference, DataValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<CheckResult>();

        var flat = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var image = images.Image(i);
            if (System.Numerics.Tensors.TensorPrimitives.Max(image) - System.Numerics.Tensors.TensorPrimitives.Min(image) < FlatRange)
            {
                flat++;
            }
        }

        var flatShare = (double)flat / images.Count;
        results.Add(new CheckResult(
            ValueRange,
            flatShare <= options.MaxFlatImageShare,
            $"{flat:N0} flat images ({flatShare.ToString("P2", C)})",
            $"<= {options.MaxFlatImageShare.ToString("P2", C)}",
            "pixels are bytes 0-255 by format; a flat image (max - min < 26/255) is blank, saturated or covered"));

        results.Add(new CheckResult(Size, images.Count >= options.MinImages, $"{images.Count:N0} images", $">= {options.MinImages:N0}", ""));

        var counts = new int[FashionMnist.ClassCount];
        foreach (var label in images.Labels)
        {
            counts[label]++;
        }

        var scarce = Enumerable.Range(0, counts.Length).Where(c => counts[c] < options.MinImagesPerClass).ToArray();
        results.Add(new CheckResult(
            ClassesPresent,
            scarce.Length == 0,
            $"fewest: {FashionMnist.ClassNames[Array.IndexOf(counts, counts.Min())]} with {counts.Min():N0}",
            $">= {options.MinImagesPerClass:N0} per class",
            scarce.Length == 0 ? "" : "too few: " + string.Join(", ", scarce.Select(c => $"{FashionMnist.ClassNames[c]} ({counts[c]})"))));

        var top = Array.IndexOf(counts, counts.Max());
        var topShare = (double)counts[top] / images.Count;
        results.Add(new CheckResult(
            ClassBalance,
            topShare <= options.MaxClassShare,
            $"largest: {FashionMnist.ClassNames[top]} {topShare.ToString("P1", C)}",
            $"<= {options.MaxClassShare.ToString("P1", C)}",
            "shares: " + string.Join(", ", counts.Select((n, c) => $"{c}:{((double)n / images.Count).ToString("P0", C)}"))));

        var psi = IntensityDrift.Psi(reference, images);
        results.Add(new CheckResult(
            IntensityDriftCheck,
            psi <= options.MaxIntensityPsi,
            psi.ToString("F4", C),
            $"<= {options.MaxIntensityPsi.ToString("F4", C)}",
            $"against {reference.Count:N0} training images, {IntensityDrift.Bins} bins at the training deciles"));

        var distances = IntensityDrift.ClassMeanDistances(reference, images);
        var measured = distances.Where(d => !double.IsNaN(d)).ToArray();
        if (measured.Length == 0)
        {
            results.Add(CheckResult.NotRun(ClassMeanDrift, $"<= {options.MaxClassMeanDistance.ToString("F4", C)}", "no class is present in both the new and the training data"));
        }
        else
        {
            var worst = Array.IndexOf(distances, measured.Max());
            results.Add(new CheckResult(
                ClassMeanDrift,
                measured.Max() <= options.MaxClassMeanDistance && measured.Length == distances.Length,
                $"largest: {FashionMnist.ClassNames[worst]} {distances[worst].ToString("F4", C)} RMS",
                $"<= {options.MaxClassMeanDistance.ToString("F4", C)}",
                measured.Length == distances.Length ? "" : $"{distances.Length - measured.Length} class(es) could not be compared"));
        }

        return results;
    }

    private static IEnumerable<CheckResult> NotRun(DataValidationOptions options) =>
    [
        CheckResult.NotRun(ValueRange, $"<= {options.MaxFlatImageShare.ToString("P2", C)} flat", "the data could not be read"),
        CheckResult.NotRun(Size, $">= {options.MinImages:N0}", "the data could not be read"),
        CheckResult.NotRun(ClassesPresent, $">= {options.MinImagesPerClass:N0} per class", "the data could not be read"),
        CheckResult.NotRun(ClassBalance, $"<= {options.MaxClassShare.ToString("P1", C)}", "the data could not be read"),
        CheckResult.NotRun(IntensityDriftCheck, $"<= {options.MaxIntensityPsi.ToString("F4", C)}", "the data could not be read"),
        CheckResult.NotRun(ClassMeanDrift, $"<= {options.MaxClassMeanDistance.ToString("F4", C)}", "the data could not be read"),
    ];
}

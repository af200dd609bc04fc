using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Data;
using HybridInference.Training.Degradation;

namespace HybridInference.ModelPipeline.Tests.Validation;

public class DataValidatorTests
{
    private static readonly DataValidationOptions Defaults = new();

    [Fact]
    public void Validate_CommittedTestSplit_PassesEveryCheckWithMeasuredValues()
    {
        var (report, images) = DataValidator.Validate(PipelineData.TestDirectory, PipelineData.Reference, Defaults);

        Assert.True(report.Passed, string.Join("\n", report.Lines()));
        Assert.Equal(10_000, images!.Count);
        Assert.Equal(7, report.Checks.Count);
        Assert.All(report.Checks, c => Assert.NotEqual("not measured", c.Measured));
        Assert.Contains("t10k-images-idx3-ubyte.gz", report.Checks[0].Measured);
    }

    [Fact]
    public void Validate_MissingFolder_SchemaFailsNamingTheFolderAndNothingElsePasses()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"));

        var (report, images) = DataValidator.Validate(missing, PipelineData.Reference, Defaults);

        Assert.Null(images);
        Assert.False(report.Passed);
        Assert.Contains(missing, report.Checks[0].Detail);
        Assert.Contains("folder not found", report.Checks[0].Detail);
        Assert.All(report.Checks, c => Assert.False(c.Passed));
    }

    [Fact]
    public void Validate_FolderWithoutIdxFiles_SaysWhichFilesItLooksFor()
    {
        var folder = PipelineData.NewFolder();
        File.WriteAllText(Path.Combine(folder, "images.csv"), "0,0,0");

        var (report, _) = DataValidator.Validate(folder, PipelineData.Reference, Defaults);

        Assert.False(report.Passed);
        Assert.Contains("train-images-idx3-ubyte.gz", report.Checks[0].Detail);
    }

    [Fact]
    public void Validate_WrongMagic_SchemaFailsNamingTheFile()
    {
        var folder = PipelineData.WriteTrainIdx(PipelineData.Test.Take(100));
        var path = Path.Combine(folder, FashionMnist.ImagesFile(DataSplit.Train));
        PipelineData.WriteGzip(path, [0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[784]]);

        var (report, _) = DataValidator.Validate(folder, PipelineData.Reference, Defaults);

        Assert.Equal(DataValidator.Schema, report.Checks[0].Name);
        Assert.False(report.Checks[0].Passed);
        Assert.Contains(path, report.Checks[0].Detail);
        Assert.Contains("wrong magic", report.Checks[0].Detail);
    }

    [Fact]
    public void Validate_Not28x28_SchemaFails()
    {
        var folder = PipelineData.WriteTrainIdx(new ImageSet(new float[30 * 14 * 14], new byte[30], 14, 14));

        var (report, _) = DataValidator.Validate(folder, PipelineData.Reference, Defaults);

        Assert.False(report.Checks[0].Passed);
        Assert.Contains("14x14", report.Checks[0].Detail);
    }

    [Fact]
    public void Validate_CorruptGzip_SchemaFails()
    {
        var folder = PipelineData.WriteTrainIdx(PipelineData.Test.Take(100));
        File.WriteAllBytes(Path.Combine(folder, FashionMnist.LabelsFile(DataSplit.Train)), [0x1f, 0x8b, 8, 0, 1, 2, 3]);

        var (report, _) = DataValidator.Validate(folder, PipelineData.Reference, Defaults);

        Assert.False(report.Checks[0].Passed);
        Assert.Contains("train-labels-idx1-ubyte.gz", report.Checks[0].Detail);
    }

    [Fact]
    public void Check_TooFewImages_SizeFails()
    {
        var result = Single(PipelineData.Test.Take(500), DataValidator.Size);

        Assert.False(result.Passed);
        Assert.Equal("500 images", result.Measured);
    }

    [Fact]
    public void Check_ClassMissing_EveryClassFailsNamingIt()
    {
        var noBags = PipelineData.Test.Select(Enumerable.Range(0, 3000).Where(i => PipelineData.Test.Labels[i] != 8).ToArray());

        var result = Single(noBags, DataValidator.ClassesPresent);

        Assert.False(result.Passed);
        Assert.Contains("Bag (0)", result.Detail);
    }

    [Fact]
    public void Check_OneClassDominates_BalanceFails()
    {
        var indices = Enumerable.Range(0, 3000).Where(i => PipelineData.Test.Labels[i] != 0).Take(1500)
            .Concat(Enumerable.Range(0, 10_000).Where(i => PipelineData.Test.Labels[i] == 0).Take(800)).ToArray();

        var result = Single(PipelineData.Test.Select(indices), DataValidator.ClassBalance);

        Assert.False(result.Passed);
        Assert.Contains("T-shirt/top 34.8", result.Measured);
    }

    [Fact]
    public void Check_BlankImages_ValueRangeFails()
    {
        var images = PipelineData.Test.Take(2000);
        var pixels = (float[])images.Pixels.Clone();
        Array.Clear(pixels, 0, 100 * 784);

        var result = Single(new ImageSet(pixels, images.Labels, 28, 28), DataValidator.ValueRange);

        Assert.False(result.Passed);
        Assert.StartsWith("100 flat images", result.Measured);
    }

    [Fact]
    public void Check_BrighterCamera_IntensityDriftFails()
    {
        var shifted = Degrade(PipelineData.Test.Take(3000), new BrightnessShift(0.15));

        var results = DataValidator.Check(shifted, PipelineData.Reference, Defaults);

        Assert.False(results.Single(r => r.Name == DataValidator.IntensityDriftCheck).Passed);
        Assert.False(results.Single(r => r.Name == DataValidator.ClassMeanDrift).Passed);
        Assert.True(results.Single(r => r.Name == DataValidator.Size).Passed);
    }

    [Fact]
    public void Check_ThresholdsAreConfigurable()
    {
        var shifted = Degrade(PipelineData.Test.Take(3000), new BrightnessShift(0.15));

        var results = DataValidator.Check(shifted, PipelineData.Reference, Defaults with { MaxIntensityPsi = 100, MaxClassMeanDistance = 1 });

        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }

    private static CheckResult Single(ImageSet images, string name) =>
        DataValidator.Check(images, PipelineData.Reference, Defaults).Single(r => r.Name == name);

    internal static ImageSet Degrade(ImageSet images, IImageDegradation degradation)
    {
        var pixels = new float[images.Pixels.Length];
        var random = new Random(1);
        for (var i = 0; i < images.Count; i++)
        {
            degradation.Apply(images.Image(i), pixels.AsSpan(i * 784, 784), 28, random);
        }

        return new ImageSet(pixels, images.Labels, 28, 28);
    }
}

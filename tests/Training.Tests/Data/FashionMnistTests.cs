using HybridInference.Training.Data;

namespace HybridInference.Training.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void Load_ValidFixture_ReturnsImagesAndLabels()
    {
        var set = FashionMnist.Load(TestPaths.Fixture("valid"), DataSplit.Test);

        Assert.Equal(5, set.Count);
        Assert.Equal(784, set.PixelsPerImage);
        Assert.Equal(9, set.Labels[0]);
    }

    [Fact]
    public void Load_CountMismatch_NamesLabelsFileAndBothCounts()
    {
        var dir = TestPaths.Fixture("count-mismatch");
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.Load(dir, DataSplit.Test));

        Assert.Equal(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), ex.FilePath);
        Assert.Contains("count mismatch: 4 labels for 5 images", ex.Problem);
    }

    [Fact]
    public void Load_WrongImageSize_Rejected()
    {
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.Load(TestPaths.Fixture("wrong-size"), DataSplit.Test));
        Assert.Contains("14x14", ex.Problem);
    }

    [Fact]
    public void Load_MissingLabels_NamesLabelsFile()
    {
        var dir = TestPaths.Fixture("missing-labels");
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.Load(dir, DataSplit.Test));
        Assert.Equal(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), ex.FilePath);
    }

    [Fact]
    public void CommittedTestSplit_HasTenThousandBalancedImages()
    {
        var test = TestData.TestSplit;

        Assert.Equal(10_000, test.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, test.Labels.Count(l => l == c)));
    }

    [Fact]
    public void CommittedTestSplit_HashesMatchReadme()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.TestSplitDirectory, "README.md"));
        var (images, labels) = FashionMnist.Hashes(TestPaths.TestSplitDirectory, DataSplit.Test);

        Assert.Contains(images, readme);
        Assert.Contains(labels, readme);
    }

    [Fact]
    public void CommittedTrainSubset_LoadsAndHashesMatchReadme()
    {
        var directory = Path.Combine(TestPaths.RepositoryRoot, FashionMnist.RepositoryTrainSubsetDirectory);
        var subset = FashionMnist.Load(directory, DataSplit.Train);
        var readme = File.ReadAllText(Path.Combine(TestPaths.TestSplitDirectory, "README.md"));
        var (images, labels) = FashionMnist.Hashes(directory, DataSplit.Train);

        Assert.Equal(5000, subset.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(subset.Labels.Count(l => l == c), 400, 600));
        Assert.Contains(images, readme);
        Assert.Contains(labels, readme);
    }
}

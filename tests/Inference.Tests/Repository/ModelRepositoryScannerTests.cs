using HybridInference.Inference.Repository;

namespace HybridInference.Inference.Tests.Repository;

public class ModelRepositoryScannerTests
{
    [Fact]
    public void Scan_CommittedRepository_FindsBothModels()
    {
        var found = ModelRepositoryScanner.Scan(TestData.Models);

        Assert.Contains(found, m => m.Name == "fashion-edge" && m.Version == 1);
        Assert.Contains(found, m => m.Name == "fashion-cloud" && m.Version == 1);
        Assert.All(found, m => Assert.True(File.Exists(m.OnnxPath)));
    }

    [Fact]
    public void Scan_IgnoresWhatTritonIgnores()
    {
        using var repo = new TempRepository()
            .With("m", "1", TestData.EdgeOnnx)
            .With("m", "10", TestData.EdgeOnnx)
            .WithDirectory("m/2")
            .WithDirectory("m/staging")
            .WithDirectory("m/0")
            .WithDirectory("empty");

        var found = ModelRepositoryScanner.Scan(repo.Path);

        Assert.Equal([1L, 10L], found.Select(m => m.Version));
    }

    [Theory]
    [InlineData(VersionPolicy.Latest, new long[] { 3 })]
    [InlineData(VersionPolicy.All, new long[] { 1, 2, 3 })]
    [InlineData(VersionPolicy.Specific, new long[] { 2 })]
    public void Select_AppliesVersionPolicy(VersionPolicy policy, long[] expected)
    {
        using var repo = new TempRepository().With("m", "1", TestData.EdgeOnnx).With("m", "2", TestData.EdgeOnnx).With("m", "3", TestData.EdgeOnnx);

        var selected = ModelRepositoryScanner.Select(ModelRepositoryScanner.Scan(repo.Path), new ModelRepositoryOptions { VersionPolicy = policy, Versions = [2] });

        Assert.Equal(expected, selected.Select(m => m.Version));
    }

    [Fact]
    public void Select_ModelList_ServesOnlyThose()
    {
        var selected = ModelRepositoryScanner.Select(ModelRepositoryScanner.Scan(TestData.Models), new ModelRepositoryOptions { Models = ["fashion-edge"] });

        Assert.Equal(["fashion-edge"], selected.Select(m => m.Name).Distinct());
    }
}

using HybridInference.Inference.Repository;

namespace HybridInference.Inference.Tests.Repository;

/// <summary>Serving reads the class labels from the card; a missing or broken card costs the labels only.</summary>
public sealed class ModelCardFileTests
{
    [Fact]
    public void Read_CommittedCard_TheTenClassNames()
    {
        var card = ModelCardFile.Read(Path.Combine(Path.GetDirectoryName(TestData.EdgeOnnx)!, "model-card.json"));

        Assert.NotNull(card);
        Assert.Equal("fashion-edge", card.Name);
        Assert.Equal(10, ModelCardFile.ClassNames(card).Count);
        Assert.Equal("T-shirt/top", ModelCardFile.ClassNames(card)[0]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"name": 3}""")]
    public void Read_BrokenCard_Null_NoLabels(string text)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);

            var card = ModelCardFile.Read(path);

            Assert.Null(card);
            Assert.Empty(ModelCardFile.ClassNames(card));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NoFile_Null() =>
        Assert.Null(ModelCardFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model-card.json")));

    [Fact]
    public void ClassNames_CardWithoutDataset_Empty()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"name": "m"}""");

            var card = ModelCardFile.Read(path);

            Assert.NotNull(card);
            Assert.Empty(ModelCardFile.ClassNames(card));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

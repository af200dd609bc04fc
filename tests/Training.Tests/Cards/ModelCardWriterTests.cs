using HybridInference.Training.Cards;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Tests.Cards;

/// <summary>The committed cards read as the contract's <c>ModelCard</c> and are written back byte for byte.</summary>
public sealed class ModelCardWriterTests
{
    [Theory]
    [InlineData(ModelSpecs.EdgeName)]
    [InlineData(ModelSpecs.CloudName)]
    public void FromJsonToJson_CommittedCard_ByteIdentical(string name)
    {
        var path = Path.Combine(ModelRepository.VersionDirectory(TestPaths.ModelsDirectory, name, 1), ModelRepository.CardJsonFileName);
        var committed = File.ReadAllText(path);

        var card = ModelCardWriter.FromJson(committed);

        Assert.Equal(committed, ModelCardWriter.ToJson(card));
        Assert.Equal(name, card.Name);
        Assert.Equal(10, card.Dataset.ClassNames.Count);
    }
}

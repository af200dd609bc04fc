using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Tests.Pipeline;

/// <summary>The committed v1 models, run through ONNX Runtime on the committed test split.</summary>
public class CommittedModelsTests
{
    private const double EdgeFloor = 0.82;
    private const double CloudFloor = 0.89;
    private const double MinimumGap = 0.04;

    private static readonly Lazy<(float[] Edge, float[] Cloud)> Probabilities = new(() => (Predict(ModelSpecs.EdgeName), Predict(ModelSpecs.CloudName)));

    [Fact]
    public void V1Models_MeetAccuracyFloors()
    {
        var labels = TestData.TestSplit.Labels;
        var edge = Predictions.Accuracy(Predictions.Classes(Probabilities.Value.Edge, 10), labels);
        var cloud = Predictions.Accuracy(Predictions.Classes(Probabilities.Value.Cloud, 10), labels);

        Assert.True(edge >= EdgeFloor, $"edge accuracy {edge:P2} < {EdgeFloor:P0}");
        Assert.True(cloud >= CloudFloor, $"cloud accuracy {cloud:P2} < {CloudFloor:P0}");
        Assert.True(cloud - edge >= MinimumGap, $"gap {(cloud - edge) * 100:F2} points < {MinimumGap * 100} points");
    }

    [Theory]
    [InlineData(ModelSpecs.EdgeName)]
    [InlineData(ModelSpecs.CloudName)]
    public void V1Models_ProbabilitiesSumToOne(string name)
    {
        var probabilities = name == ModelSpecs.EdgeName ? Probabilities.Value.Edge : Probabilities.Value.Cloud;

        Assert.All(probabilities.Chunk(10), row => Assert.InRange(row.Sum(), 0.9999f, 1.0001f));
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }

    [Theory]
    [InlineData(ModelSpecs.EdgeName)]
    [InlineData(ModelSpecs.CloudName)]
    public void V1Cards_MatchModelFileAndMeasuredAccuracy(string name)
    {
        var directory = ModelRepository.VersionDirectory(TestPaths.ModelsDirectory, name, 1);
        var card = ModelCardWriter.FromJson(File.ReadAllText(Path.Combine(directory, ModelRepository.CardJsonFileName)));
        var modelPath = Path.Combine(directory, ModelRepository.ModelFileName);
        var probabilities = name == ModelSpecs.EdgeName ? Probabilities.Value.Edge : Probabilities.Value.Cloud;

        Assert.Equal(name, card.Name);
        Assert.Equal(FileHash.Sha256Hex(modelPath), card.File.Sha256);
        Assert.Equal(new FileInfo(modelPath).Length, card.File.SizeBytes);
        Assert.Equal(Predictions.Accuracy(Predictions.Classes(probabilities, 10), TestData.TestSplit.Labels), card.Evaluation.TestAccuracy, 10);
        Assert.Equal("input", Assert.Single(card.Inputs).Name);
        Assert.Equal("probabilities", Assert.Single(card.Outputs).Name);
        Assert.True(File.Exists(Path.Combine(directory, ModelRepository.CardMarkdownFileName)));
    }

    [Fact]
    public void V1Edge_IsAtMostATenthOfCloudSize()
    {
        var edge = new FileInfo(ModelRepository.ModelPath(TestPaths.ModelsDirectory, ModelSpecs.EdgeName, 1)).Length;
        var cloud = new FileInfo(ModelRepository.ModelPath(TestPaths.ModelsDirectory, ModelSpecs.CloudName, 1)).Length;

        Assert.True(edge * 10 <= cloud, $"edge {edge} bytes vs cloud {cloud} bytes");
    }

    private static float[] Predict(string name)
    {
        using var model = new OnnxClassifier(ModelRepository.ModelPath(TestPaths.ModelsDirectory, name, 1));
        return model.Predict(TestData.TestSplit.Pixels, TestData.TestSplit.Count);
    }
}

using HybridInference.Training.Evaluation;
using HybridInference.Training.Nn;
using HybridInference.Training.Onnx;

namespace HybridInference.Training.Tests.Nn;

public class TrainerTests
{
    [Fact]
    public void Train_SmallMlpOnSubset_LearnsWellAboveChance()
    {
        var train = TestData.TestSplit.Take(3000);
        var holdout = TestData.TestSplit.Select(Enumerable.Range(9000, 1000).ToArray());
        var network = Architectures.Mlp(16);

        var summary = Trainer.Train(network, train, new TrainerOptions { Epochs = 4, LearningRate = 3e-3f, Seed = 1 });

        var accuracy = Predictions.Accuracy(Predictions.Classes(network.PredictProbabilities(holdout.Pixels, holdout.Count), 10), holdout.Labels);
        Assert.InRange(accuracy, 0.70, 1.0);
        Assert.True(summary.EpochLosses[^1] < summary.EpochLosses[0], "loss should fall");
    }

    [Fact]
    public void Train_SameSeedTwice_ByteIdenticalOnnx()
    {
        var data = TestData.TestSplit.Take(256);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 5 };

        var first = SmallCnn();
        Trainer.Train(first, data, options);
        var second = SmallCnn();
        Trainer.Train(second, data, options);

        Assert.Equal(OnnxExporter.ToBytes(first, "m", "d"), OnnxExporter.ToBytes(second, "m", "d"));
    }

    [Fact]
    public void Train_DifferentSeed_DifferentWeights()
    {
        var data = TestData.TestSplit.Take(64);
        var a = Architectures.Mlp(4);
        Trainer.Train(a, data, new TrainerOptions { Epochs = 1, Seed = 1 });
        var b = Architectures.Mlp(4);
        Trainer.Train(b, data, new TrainerOptions { Epochs = 1, Seed = 2 });

        Assert.NotEqual(a.Parameters, b.Parameters);
    }

    [Fact]
    public void Train_InvalidOptions_ListsEveryBadField()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(Architectures.Mlp(4), TestData.TestSplit.Take(10), new TrainerOptions { Epochs = 0, LearningRate = 2f }));

        Assert.Contains("Epochs", ex.Message);
        Assert.Contains("LearningRate", ex.Message);
    }

    internal static Network SmallCnn() => Architectures.Cnn(2, 4, 8);
}

using System.Text.RegularExpressions;
using HybridInference.Training.Candidates;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Tests.Candidates;

public class CandidateTrainerTests
{
    // Training on the first 3,000 test images and scoring on the last 1,000 keeps the two apart.
    private static readonly ImageSet Train = TestData.TestSplit.Take(3000);
    private static readonly ImageSet Holdout = TestData.TestSplit.Select(Enumerable.Range(9000, 1000).ToArray());

    [Fact]
    public void TrainEdge_GoodSmallCandidate_BeatsChanceClearlyAndCardDescribesTheBytes()
    {
        var model = CandidateTrainer.TrainEdge(Quick(), _ => { });

        Assert.InRange(model.TestAccuracy, 0.70, 1.0);
        Assert.InRange(model.Duration.TotalSeconds, 0, 30);
        Assert.Equal("fashion-edge", model.Card.Name);
        Assert.Equal(7, model.Card.Version);
        Assert.Equal(model.Onnx.LongLength, model.Card.File.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model.Onnx)), model.Card.File.Sha256);
        Assert.Equal(ModelCardWriter.ToJson(model.Card), model.CardJson);
        Assert.Equal(2750, model.Card.Dataset.TrainCount);
        Assert.Equal(250, model.Card.Dataset.ValidationCount);
        Assert.Equal("Fashion-MNIST", model.Card.Dataset.Name);

        // The bytes must be a servable model on their own, not only what the card says.
        using var onnx = new OnnxClassifier(model.Onnx, "candidate");
        var accuracy = Predictions.Accuracy(Predictions.Classes(onnx.Predict(Holdout.Pixels, Holdout.Count), 10), Holdout.Labels);
        Assert.Equal(model.TestAccuracy, accuracy, 10);
    }

    [Fact]
    public void TrainCloud_SmallCandidate_IsTheCnn_AndServable()
    {
        var model = CandidateTrainer.TrainCloud(Quick() with { Epochs = 1 }, _ => { });

        Assert.Equal("fashion-cloud", model.Card.Name);
        Assert.StartsWith("CNN", model.Card.Architecture, StringComparison.Ordinal);
        Assert.InRange(model.TestAccuracy, 0.60, 1.0);
        using var onnx = new OnnxClassifier(model.Onnx, "candidate");
        var accuracy = Predictions.Accuracy(Predictions.Classes(onnx.Predict(Holdout.Pixels, Holdout.Count), 10), Holdout.Labels);
        Assert.Equal(model.TestAccuracy, accuracy, 10);
    }

    [Fact]
    public void TrainEdge_ShuffledLabels_NearChanceAndCardSaysSo()
    {
        var model = CandidateTrainer.TrainEdge(Quick() with { ShuffleLabels = true }, _ => { });

        Assert.InRange(model.TestAccuracy, 0.0, 0.20);
        Assert.Contains("deliberately bad candidate", model.Card.Dataset.Name);
        Assert.Contains("shuffled", model.Card.Dataset.Name);
    }

    [Fact]
    public void TrainEdge_AllLabelsWrong_FarBelowTheGoodCandidate()
    {
        var model = CandidateTrainer.TrainEdge(Quick() with { LabelNoise = 1.0 }, _ => { });

        Assert.InRange(model.TestAccuracy, 0.0, 0.20);
        Assert.Matches("100 ?% replaced by a wrong class", model.Card.Dataset.Name);
    }

    [Fact]
    public void TrainEdge_SameOptionsTwice_SameOnnxBytesAndSameCardButForTheDuration()
    {
        var first = CandidateTrainer.TrainEdge(Quick(), _ => { });
        var second = CandidateTrainer.TrainEdge(Quick(), _ => { });

        Assert.Equal(first.Onnx, second.Onnx);
        Assert.Equal(WithoutDuration(first.CardJson), WithoutDuration(second.CardJson));
        Assert.NotEqual(first.Onnx, CandidateTrainer.TrainEdge(Quick() with { Seed = 43 }, _ => { }).Onnx);
    }

    [Fact]
    public void TrainEdge_FromTheCommittedSubsetFolder_HashesTheFilesInTheCard()
    {
        var directory = Path.Combine(TestPaths.RepositoryRoot, FashionMnist.RepositoryTrainSubsetDirectory);
        var lines = new List<string>();

        var model = CandidateTrainer.TrainEdge(
            new CandidateOptions { TrainDirectory = directory, TrainLimit = 1200, TestImages = Holdout, Epochs = 1, SkipLatency = true },
            lines.Add);

        Assert.Equal(FileHash.Sha256Hex(Path.Combine(directory, FashionMnist.ImagesFile(DataSplit.Train))), model.Card.Dataset.FileSha256[FashionMnist.ImagesFile(DataSplit.Train)]);
        Assert.Equal(1100, model.Card.Dataset.TrainCount);
        Assert.Contains(lines, l => l.Contains("loading training data from", StringComparison.Ordinal));
        Assert.InRange(model.TestAccuracy, 0.40, 1.0);
    }

    [Fact]
    public void TrainEdge_LatencyMeasuredUnlessSkipped()
    {
        var model = CandidateTrainer.TrainEdge(Quick() with { SkipLatency = false, Epochs = 1 }, _ => { });

        Assert.InRange(model.Card.Latency.SingleImageMedianMs, 1e-6, 50);
        Assert.NotEqual("not measured", model.Card.Latency.Machine);
    }

    [Fact]
    public void TrainEdge_MissingTrainFolder_ThrowsNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<DataFormatException>(() => CandidateTrainer.TrainEdge(new CandidateOptions { TrainDirectory = missing, TestImages = Holdout }, _ => { }));

        Assert.StartsWith(missing, ex.FilePath, StringComparison.Ordinal);
        Assert.Contains("file not found", ex.Message);
    }

    [Theory]
    [InlineData("Epochs")]
    [InlineData("TrainLimit")]
    [InlineData("Version")]
    [InlineData("ValidationFraction")]
    [InlineData("LabelNoise")]
    [InlineData("TrainDirectory")]
    [InlineData("TestDirectory")]
    [InlineData("TrainImages")]
    public void TrainEdge_BadOption_ArgumentExceptionNamingTheField(string field)
    {
        var options = field switch
        {
            "Epochs" => Quick() with { Epochs = 0 },
            "TrainLimit" => Quick() with { TrainLimit = 5 },
            "Version" => Quick() with { Version = 0 },
            "ValidationFraction" => Quick() with { ValidationFraction = 0.9 },
            "LabelNoise" => Quick() with { LabelNoise = 1.5 },
            "TrainDirectory" => Quick() with { TrainDirectory = "data" },
            "TestDirectory" => new CandidateOptions { TrainImages = Train, TestDirectory = " " },
            "TrainImages" => Quick() with { TrainImages = new ImageSet(new float[2 * 14 * 14], [0, 1], 14, 14) },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var ex = Assert.Throws<ArgumentException>(() => CandidateTrainer.TrainEdge(options, _ => { }));

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void TrainEdge_SeveralBadOptions_ListsThemAll()
    {
        var ex = Assert.Throws<ArgumentException>(() => CandidateTrainer.TrainEdge(Quick() with { Epochs = 0, LabelNoise = -0.1, Version = -1 }, _ => { }));

        Assert.Contains("Epochs", ex.Message);
        Assert.Contains("LabelNoise", ex.Message);
        Assert.Contains("Version", ex.Message);
    }

    private static CandidateOptions Quick() => new()
    {
        TrainImages = Train,
        TestImages = Holdout,
        Epochs = 2,
        Seed = 42,
        Version = 7,
        ValidationFraction = 250 / 3000.0,
        SkipLatency = true,
    };

    private static string WithoutDuration(string json) => Regex.Replace(json, "\"durationSeconds\": [0-9.]+", "\"durationSeconds\": 0");
}

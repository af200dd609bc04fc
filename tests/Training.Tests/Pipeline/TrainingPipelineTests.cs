using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Tests.Pipeline;

public class TrainingPipelineTests
{
    [Fact]
    public void Run_TinyDataset_PublishesBothModelsWithCards()
    {
        using var temp = new TempDirectory();
        var options = TinyRun(temp);

        var models = TrainingPipeline.Run(options, _ => { });

        Assert.Equal([ModelSpecs.EdgeName, ModelSpecs.CloudName], models.Select(m => m.Card.Name));
        foreach (var model in models)
        {
            var directory = ModelRepository.VersionDirectory(options.OutputDirectory, model.Card.Name, 1);
            Assert.All(ModelRepository.FileNames, f => Assert.True(File.Exists(Path.Combine(directory, f)), f));
            var card = ModelCardWriter.FromJson(File.ReadAllText(Path.Combine(directory, ModelRepository.CardJsonFileName)));
            Assert.Equal(FileHash.Sha256Hex(Path.Combine(directory, ModelRepository.ModelFileName)), card.File.Sha256);
            Assert.Equal(10, card.Evaluation.ConfusionMatrix.Length);
            Assert.Equal(300, card.Evaluation.ConfusionMatrix.Sum(r => r.Sum()));
            Assert.Contains("train-images-idx3-ubyte.gz", card.Dataset.FileSha256.Keys);
        }

        Assert.Empty(Directory.GetDirectories(options.OutputDirectory, ".staging-*"));
    }

    [Fact]
    public void Run_CorruptTrainingData_ThrowsNamingFileAndKeepsExistingModel()
    {
        using var temp = new TempDirectory();
        var options = TinyRun(temp);
        File.Copy(
            Path.Combine(TestPaths.Fixture("wrong-magic"), "t10k-images-idx3-ubyte.gz"),
            Path.Combine(options.TrainDirectory!, FashionMnist.ImagesFile(DataSplit.Train)),
            overwrite: true);
        var existing = ModelRepository.ModelPath(options.OutputDirectory, ModelSpecs.EdgeName, 1);
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "good model");

        var ex = Assert.Throws<DataFormatException>(() => TrainingPipeline.Run(options, _ => { }));

        Assert.EndsWith("train-images-idx3-ubyte.gz", ex.FilePath);
        Assert.Contains("wrong magic", ex.Message);
        Assert.Equal("good model", File.ReadAllText(existing));
    }

    [Fact]
    public void Run_InvalidOptions_ListsEveryBadField()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            TrainingPipeline.Run(new TrainingRunOptions { Version = 0, EdgeEpochs = 0, OutputDirectory = " " }, _ => { }));

        Assert.Contains("Version", ex.Message);
        Assert.Contains("EdgeEpochs", ex.Message);
        Assert.Contains("OutputDirectory", ex.Message);
    }

    private static TrainingRunOptions TinyRun(TempDirectory temp)
    {
        var trainDirectory = Path.Combine(temp.Path, "train");
        var testDirectory = Path.Combine(temp.Path, "test");
        TestData.WriteIdx(trainDirectory, DataSplit.Train, TestData.TestSplit.Take(400));
        TestData.WriteIdx(testDirectory, DataSplit.Test, TestData.TestSplit.Select(Enumerable.Range(9700, 300).ToArray()));
        return new TrainingRunOptions
        {
            OutputDirectory = Path.Combine(temp.Path, "models"),
            TrainDirectory = trainDirectory,
            TestDirectory = testDirectory,
            ValidationFraction = 0.25,
            EdgeEpochs = 1,
            CloudEpochs = 1,
            SkipLatency = true,
        };
    }
}

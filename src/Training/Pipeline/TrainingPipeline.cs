using System.Diagnostics;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;

namespace HybridInference.Training.Pipeline;

/// <summary>
/// Loads Fashion-MNIST, trains the edge and the cloud model, calibrates, exports to ONNX, checks ONNX
/// Runtime against the trainer, writes the model cards, and only then publishes the files.
/// </summary>
/// <remarks>
/// Everything is produced in a staging folder inside the output folder; nothing is moved into the model
/// repository until both models have passed the parity check, so a failed run never leaves a partial or
/// mismatched model over a good one.
/// </remarks>
public static class TrainingPipeline
{
    public static IReadOnlyList<TrainedModel> Run(TrainingRunOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var clock = Stopwatch.StartNew();

        var trainDirectory = options.TrainDirectory ?? FashionMnist.DefaultTrainDirectory();
        if (options.TrainDirectory is null && trainDirectory == FashionMnist.RepositoryTrainSubsetDirectory)
        {
            log($"warning: {FashionMnist.DebianDirectory} has no training split (apt-get install dataset-fashion-mnist); using the committed 5,000-image subset, which gives weaker models");
        }

        log($"loading training data from {trainDirectory}");
        var train = FashionMnist.Load(trainDirectory, DataSplit.Train);
        log($"loading test data from {options.TestDirectory}");
        var test = FashionMnist.Load(options.TestDirectory, DataSplit.Test);
        if (options.TrainLimit > 0)
        {
            train = train.Take(options.TrainLimit);
        }

        var (fit, validation) = train.Split((int)Math.Round(train.Count * options.ValidationFraction), options.Seed);
        var dataset = DescribeDataset(trainDirectory, options.TestDirectory, fit.Count, validation.Count, test.Count);
        log($"{fit.Count} training, {validation.Count} validation, {test.Count} test images");

        Directory.CreateDirectory(options.OutputDirectory);
        var staging = Path.Combine(options.OutputDirectory, $".staging-{Environment.ProcessId}");
        try
        {
            var specs = new[] { ModelSpecs.Edge(options.Seed, options.EdgeEpochs), ModelSpecs.Cloud(options.Seed, options.CloudEpochs) };
            var models = specs
                .Select(spec => TrainOne(spec, fit, validation, test, dataset, options, Path.Combine(staging, spec.Name), log))
                .ToArray();
            foreach (var model in models)
            {
                ModelRepository.Publish(Path.Combine(staging, model.Spec.Name), options.OutputDirectory, model.Spec.Name, options.Version);
                log($"published {ModelRepository.VersionDirectory(options.OutputDirectory, model.Spec.Name, options.Version)}");
            }

            log($"done in {clock.Elapsed.TotalSeconds:F1} s");
            return models;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static TrainedModel TrainOne(
        ModelSpec spec, ImageSet fit, ImageSet validation, ImageSet test, DatasetInfo dataset, TrainingRunOptions options, string staging, Action<string> log)
    {
        var built = ModelBuilder.Build(spec, fit, validation, test, dataset, options.Version, options.SkipLatency, log);
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, ModelRepository.ModelFileName), built.Onnx);
        File.WriteAllText(Path.Combine(staging, ModelRepository.CardJsonFileName), ModelCardWriter.ToJson(built.Card));
        File.WriteAllText(Path.Combine(staging, ModelRepository.CardMarkdownFileName), ModelCardWriter.ToMarkdown(built.Card));
        return new TrainedModel(spec, built.Network, built.Card, built.TestProbabilities);
    }

    private static DatasetInfo DescribeDataset(string trainDirectory, string testDirectory, int trainCount, int validationCount, int testCount)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (directory, split) in new[] { (trainDirectory, DataSplit.Train), (testDirectory, DataSplit.Test) })
        {
            var (images, labels) = FashionMnist.Hashes(directory, split);
            hashes[FashionMnist.ImagesFile(split)] = images;
            hashes[FashionMnist.LabelsFile(split)] = labels;
        }

        return DatasetInfo.FashionMnist("Fashion-MNIST", hashes, trainCount, validationCount, testCount);
    }
}

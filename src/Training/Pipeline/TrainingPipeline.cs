using System.Diagnostics;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Nn;
using HybridInference.Training.Onnx;

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
        log($"training {spec.Name}: {spec.Architecture}");
        var network = spec.Build();
        var summary = Trainer.Train(network, fit, spec.Trainer, message => log($"  {spec.Name} {message}"));

        var temperature = TemperatureScaling.Fit(network.PredictLogits(validation.Pixels, validation.Count), validation.Labels, FashionMnist.ClassCount);
        network.FoldTemperature(temperature);
        var validationAccuracy = Predictions.Accuracy(Predictions.Classes(network.PredictProbabilities(validation.Pixels, validation.Count), FashionMnist.ClassCount), validation.Labels);
        log($"  {spec.Name} temperature {temperature:F4}, validation accuracy {validationAccuracy:P2}");

        Directory.CreateDirectory(staging);
        var modelPath = Path.Combine(staging, ModelRepository.ModelFileName);
        File.WriteAllBytes(modelPath, OnnxExporter.ToBytes(network, spec.Name, $"{spec.Name} v{options.Version}: {spec.Architecture}. Input pixels byte/255, output class probabilities."));

        using var onnx = new OnnxClassifier(modelPath);
        var probabilities = onnx.Predict(test.Pixels, test.Count);
        var parity = ParityResult.Compare(network.PredictProbabilities(test.Pixels, test.Count), probabilities, FashionMnist.ClassCount);
        if (!parity.WithinTolerance)
        {
            throw new InvalidOperationException(
                $"{spec.Name}: ONNX Runtime differs from the trainer by up to {parity.MaxAbsDifference:E2} (tolerance {ParityResult.Tolerance:E0}); nothing was published");
        }

        var predicted = Predictions.Classes(probabilities, FashionMnist.ClassCount);
        var report = ClassificationReport.Create(predicted, test.Labels, FashionMnist.ClassCount);
        var confidences = Predictions.Confidences(probabilities, FashionMnist.ClassCount);
        var correct = predicted.Select((p, i) => p == test.Labels[i]).ToArray();
        log($"  {spec.Name} test accuracy (ORT) {report.Accuracy:P2}, parity max |diff| {parity.MaxAbsDifference:E2}");

        var latency = options.SkipLatency ? null : MeasureLatency(onnx, test);
        var card = new ModelCard(
            spec.Name,
            options.Version,
            spec.Role,
            spec.Architecture,
            network.Parameters.Length,
            new ModelFile(ModelRepository.ModelFileName, new FileInfo(modelPath).Length, FileHash.Sha256Hex(modelPath), OnnxContract.OpsetVersion),
            [new TensorSpec(OnnxContract.InputName, "float32", [OnnxContract.BatchDimension, "784"], "28x28 grey image, row-major, pixel byte/255 in [0,1]")],
            [new TensorSpec(OnnxContract.OutputName, "float32", [OnnxContract.BatchDimension, "10"], "class probabilities (softmax, temperature-calibrated), each row sums to 1")],
            dataset,
            new TrainingInfo(
                spec.Trainer.Seed,
                spec.Trainer.Epochs,
                spec.Trainer.BatchSize,
                spec.Trainer.LearningRate,
                "cosine decay to 0",
                spec.Trainer.WeightDecay,
                "AdamW, softmax cross-entropy",
                temperature,
                $"{validation.Count} validation images held out of the training split",
                summary.EpochLosses.Select(l => Math.Round(l, 6)).ToArray(),
                Math.Round(summary.Duration.TotalSeconds, 1)),
            new EvaluationInfo(
                report.Accuracy,
                validationAccuracy,
                report.PerClassAccuracy.Select((a, c) => new ClassAccuracy(c, FashionMnist.ClassNames[c], a)).ToArray(),
                report.ConfusionMatrix,
                Math.Round(Calibration.ExpectedCalibrationError(confidences, correct), 6),
                Math.Round(confidences.Average(), 6),
                parity.MaxAbsDifference,
                parity.PredictionMismatches),
            latency ?? new LatencyInfo(0, 0, 0, 0, 1, "not measured"));
        File.WriteAllText(Path.Combine(staging, ModelRepository.CardJsonFileName), ModelCardWriter.ToJson(card));
        File.WriteAllText(Path.Combine(staging, ModelRepository.CardMarkdownFileName), ModelCardWriter.ToMarkdown(card));
        return new TrainedModel(spec, network, card, probabilities);
    }

    private static LatencyInfo MeasureLatency(OnnxClassifier onnx, ImageSet test)
    {
        var single = LatencyBenchmark.Measure(onnx, test.Pixels, test.Count, batchSize: 1, runs: 2000);
        var batch = LatencyBenchmark.Measure(onnx, test.Pixels, test.Count, batchSize: 64, runs: 300);
        return new LatencyInfo(
            Math.Round(single.MedianMs, 5),
            Math.Round(single.P95Ms, 5),
            Math.Round(batch.MedianMs, 5),
            Math.Round(batch.P95Ms, 5),
            1,
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
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

        return new DatasetInfo(
            "Fashion-MNIST",
            "Zalando Research, https://github.com/zalandoresearch/fashion-mnist (Debian package dataset-fashion-mnist)",
            "MIT, (c) 2017 Zalando SE",
            hashes,
            trainCount,
            validationCount,
            testCount,
            FashionMnist.ClassNames);
    }
}

using System.Security.Cryptography;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Nn;
using HybridInference.Training.Onnx;

namespace HybridInference.Training.Pipeline;

/// <summary>
/// Trains one model from a <see cref="ModelSpec"/>, fits and folds its temperature, exports ONNX, checks ONNX
/// Runtime against the trainer on the test images and writes its card. Nothing touches the disk: the
/// <c>train</c> command publishes the result into the model repository, the candidate trainer hands it to
/// the registry.
/// </summary>
public static class ModelBuilder
{
    public static BuiltModel Build(
        ModelSpec spec, ImageSet fit, ImageSet validation, ImageSet test, DatasetInfo dataset, int version, bool skipLatency, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(log);

        log($"training {spec.Name}: {spec.Architecture}");
        var network = spec.Build();
        var summary = Trainer.Train(network, fit, spec.Trainer, message => log($"  {spec.Name} {message}"));

        var temperature = TemperatureScaling.Fit(network.PredictLogits(validation.Pixels, validation.Count), validation.Labels, FashionMnist.ClassCount);
        network.FoldTemperature(temperature);
        var validationAccuracy = Predictions.Accuracy(Predictions.Classes(network.PredictProbabilities(validation.Pixels, validation.Count), FashionMnist.ClassCount), validation.Labels);
        log($"  {spec.Name} temperature {temperature:F4}, validation accuracy {validationAccuracy:P2}");

        var onnxBytes = OnnxExporter.ToBytes(network, spec.Name, $"{spec.Name} v{version}: {spec.Architecture}. Input pixels byte/255, output class probabilities.");

        using var onnx = new OnnxClassifier(onnxBytes, $"{spec.Name} v{version}");
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

        var latency = skipLatency ? null : MeasureLatency(onnx, test);
        var card = new ModelCard(
            spec.Name,
            version,
            spec.Role,
            spec.Architecture,
            network.Parameters.Length,
            new ModelFile(ModelRepository.ModelFileName, onnxBytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(onnxBytes)), OnnxContract.OpsetVersion),
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
        return new BuiltModel(spec, network, onnxBytes, card, probabilities);
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
}

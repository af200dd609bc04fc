using System.CommandLine;
using HybridInference.Training.Cli.Parsing;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Cli;

/// <summary><c>train</c>: trains, exports, checks and publishes both models (<see cref="TrainingPipeline"/>), the epochs shown as they run.</summary>
internal static class TrainCommand
{
    public const string Description = """
        Trains both models, calibrates them on a validation split carved from the training set, exports ONNX,
        checks ONNX Runtime against the trainer on the test set, writes model cards, and publishes
        OUT/fashion-edge/VERSION and OUT/fashion-cloud/VERSION. Nothing is replaced unless everything succeeded.
        --train-data defaults to /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist) and, where
        that is missing, to data/fashion-mnist/train-subset (5,000 committed images: weaker models, for trying the
        pipeline only); --test-data defaults to data/fashion-mnist (the committed test split).
        --validation-fraction is the share of training images held out to fit the softmax temperature
        (1/12 = 5,000 of 60,000). On a terminal a status line shows the epoch running; redirected output has the
        log lines only.
        """;

    public static Command Build(TextWriter output)
    {
        var d = new TrainingRunOptions();
        var outDirectory = Values.Text("--out", "DIR", $"where the models are published (default {d.OutputDirectory})");
        var seed = Values.Int("--seed", "N", $"random seed (default {d.Seed})");
        var version = Values.Int("--version", "N", $"the version published (default {d.Version})");
        var trainData = Values.Text("--train-data", "DIR", "the training split (default: see above)");
        var testData = Values.Text("--test-data", "DIR", $"the test split (default {d.TestDirectory})");
        var validationFraction = Values.Double("--validation-fraction", "SHARE", "share of training images held out for calibration (default " + d.ValidationFraction.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + ")");
        var trainLimit = Values.Int("--train-limit", "N", $"use at most N training images, 0 for all (default {d.TrainLimit})");
        var edgeEpochs = Values.Int("--edge-epochs", "N", $"epochs for the edge model (default {d.EdgeEpochs})");
        var cloudEpochs = Values.Int("--cloud-epochs", "N", $"epochs for the cloud model (default {d.CloudEpochs})");
        var noLatency = Values.Flag("--no-latency", "skip the ONNX Runtime latency measurement");
        var command = new Command("train", Description) { outDirectory, seed, version, trainData, testData, validationFraction, trainLimit, edgeEpochs, cloudEpochs, noLatency };
        command.SetAction(parse =>
        {
            var options = new TrainingRunOptions
            {
                OutputDirectory = parse.GetValue(outDirectory) ?? d.OutputDirectory,
                Seed = parse.GetValue(seed) ?? d.Seed,
                Version = parse.GetValue(version) ?? d.Version,
                TrainDirectory = parse.GetValue(trainData),
                TestDirectory = parse.GetValue(testData) ?? d.TestDirectory,
                ValidationFraction = parse.GetValue(validationFraction) ?? d.ValidationFraction,
                TrainLimit = parse.GetValue(trainLimit) ?? d.TrainLimit,
                EdgeEpochs = parse.GetValue(edgeEpochs) ?? d.EdgeEpochs,
                CloudEpochs = parse.GetValue(cloudEpochs) ?? d.CloudEpochs,
                SkipLatency = parse.GetValue(noLatency),
            };
            Run(options, output, new Progress(output));
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>Trains with <paramref name="options"/>, the log through <paramref name="progress"/>, then one line per model.</summary>
    public static void Run(TrainingRunOptions options, TextWriter output, Progress progress)
    {
        var log = new StatusLog(progress);
        IReadOnlyList<TrainedModel> models;
        try
        {
            models = TrainingPipeline.Run(options, log.Log);
        }
        finally
        {
            log.Done();
        }

        foreach (var model in models)
        {
            var card = model.Card;
            var latency = options.SkipLatency
                ? "latency not measured"
                : $"ORT {card.Latency.SingleImageMedianMs:F4} ms/image, {card.Latency.Batch64MedianMs:F4} ms/batch of 64";
            output.WriteLine($"{card.Name} v{card.Version}: test accuracy {card.Evaluation.TestAccuracy:P2}, {card.File.SizeBytes:N0} bytes, {latency}, sha256 {card.File.Sha256}");
        }
    }
}

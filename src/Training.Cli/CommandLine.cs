using HybridInference.Training.Data;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Cli;

/// <summary>Dispatches the command word and maps failures to exit codes.</summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var command = args.Length == 0 ? "help" : args[0];
            var rest = args.Skip(1);
            switch (command)
            {
                case "train":
                    Train(rest, output);
                    return Success;
                case "evaluate":
                    Evaluate(rest, output);
                    return Success;
                case "pipeline":
                    return PipelineCommand.Run(rest, output, error);
                case "threshold":
                    ThresholdCommand.Run(rest, output);
                    return Success;
                case "help" or "--help" or "-h":
                    output.WriteLine(HelpText.Text);
                    return Success;
                default:
                    throw new UsageException($"unknown command '{command}'");
            }
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine(HelpText.Text);
            return Usage;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or InvalidOperationException or IOException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Failure;
        }
    }

    private static void Train(IEnumerable<string> rest, TextWriter output)
    {
        var args = new CliArguments(rest, new HashSet<string> { "--no-latency" });
        var defaults = new TrainingRunOptions();
        var options = new TrainingRunOptions
        {
            OutputDirectory = args.String("--out", defaults.OutputDirectory),
            Seed = args.Int("--seed", defaults.Seed),
            Version = args.Int("--version", defaults.Version),
            TrainDirectory = args.Has("--train-data") ? args.String("--train-data", string.Empty) : null,
            TestDirectory = args.String("--test-data", defaults.TestDirectory),
            ValidationFraction = args.Double("--validation-fraction", defaults.ValidationFraction),
            TrainLimit = args.Int("--train-limit", defaults.TrainLimit),
            EdgeEpochs = args.Int("--edge-epochs", defaults.EdgeEpochs),
            CloudEpochs = args.Int("--cloud-epochs", defaults.CloudEpochs),
            SkipLatency = args.Has("--no-latency"),
        };
        args.RejectUnknown();
        var models = TrainingPipeline.Run(options, output.WriteLine);
        foreach (var model in models)
        {
            var card = model.Card;
            var latency = options.SkipLatency
                ? "latency not measured"
                : $"ORT {card.Latency.SingleImageMedianMs:F4} ms/image, {card.Latency.Batch64MedianMs:F4} ms/batch of 64";
            output.WriteLine($"{card.Name} v{card.Version}: test accuracy {card.Evaluation.TestAccuracy:P2}, {card.File.SizeBytes:N0} bytes, {latency}, sha256 {card.File.Sha256}");
        }
    }

    private static void Evaluate(IEnumerable<string> rest, TextWriter output)
    {
        var args = new CliArguments(rest, new HashSet<string> { "--no-degradations" });
        var defaults = new EvaluationOptions();
        var options = new EvaluationOptions
        {
            ModelsDirectory = args.String("--models", defaults.ModelsDirectory),
            Version = args.Int("--version", defaults.Version),
            TestDirectory = args.String("--test-data", defaults.TestDirectory),
            TargetGapRecovered = args.Double("--target", defaults.TargetGapRecovered),
            Seed = args.Int("--seed", defaults.Seed),
            IncludeDegradations = !args.Has("--no-degradations"),
        };
        args.RejectUnknown();
        var summary = EvaluationRunner.Run(options, output.WriteLine);
        output.WriteLine();
        output.Write(EvaluationReportWriter.ToMarkdown(summary));
    }
}

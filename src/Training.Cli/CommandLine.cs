using System.CommandLine;
using HybridInference.Training.Cli.Parsing;
using HybridInference.Training.Data;

namespace HybridInference.Training.Cli;

/// <summary>
/// Training.Cli's command tree (System.CommandLine): <c>train</c>, <c>evaluate</c>, <c>threshold</c>,
/// <c>pipeline</c> (with <c>status</c> and <c>watch</c>). Help (<c>--help</c>, <c>-h</c>, the word <c>help</c>, or
/// nothing at all) is generated from the tree and written to the output stream. A bad command line prints
/// <c>error: </c> and what is wrong, naming the option or value, then the usage, and exits <see cref="Usage"/>
/// before any work starts; bad data or a failed check exits <see cref="Failure"/>.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Training.Cli: train and evaluate the Fashion-MNIST edge and cloud models.

        Usage:
          train    [--out models] [--seed 42] [--version 1] [--train-data DIR] [--test-data DIR]
                   [--validation-fraction 0.0833] [--train-limit 0] [--edge-epochs 10] [--cloud-epochs 10] [--no-latency]
          evaluate [--models models] [--version 1] [--test-data DIR] [--target 0.9] [--seed 7] [--no-degradations]
          threshold (--max-escalation 0.20 | --max-accuracy-loss 0.5) [--models models] [--version 1] [--test-data DIR]
          pipeline --data DIR --registry URL --store HOST:PORT [--key-prefix hi] [--model fashion-edge] [--rollout]
                   [--merge-train DIR] [--merge-limit 0] [--test-data DIR] [--holdout 5000] [--reference DIR]
                   [--reference-limit 10000] [--epochs 10] [--seed 42] [--actor model-pipeline] [--stop-after STEP]
                   [--min-images 1000] [--min-per-class 10] [--max-class-share 0.25] [--max-flat-share 0.01]
                   [--max-psi 0.1] [--max-class-mean-distance 0.05] [--max-accuracy-drop 0.01]
                   [--min-class-recall 0.45] [--max-latency-ms 1.0] [--shuffle-labels] [--label-noise 0]
          pipeline --resume RUN-ID --registry URL --store HOST:PORT [--key-prefix hi]
          pipeline status RUN-ID --store HOST:PORT [--key-prefix hi]
          pipeline watch --data DIR --registry URL --store HOST:PORT [--schedule-minutes M] [--new-labelled N]
                   [--check-seconds 60] [any run option]
          help     (COMMAND --help: what the command does and its options)

        Exit codes: 0 success, 1 bad data or failed check or gate, 2 bad command line,
                    3 (pipeline) registry or store unreachable.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            // Words are taken as given, as they always were: "@dir" is a path, not a response file.
            var words = args.Length == 0 || args[0] == "help" ? ["--help", .. args.Skip(1)] : args;
            var result = Build(output, error).Parse(words, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });
            if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
            {
                throw new UsageException(string.Join(Environment.NewLine, UsageProblems.Of(result)));
            }

            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine(UsageText);
            return Usage;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or InvalidOperationException or IOException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Failure;
        }
    }

    /// <summary>The tree, its actions writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(UsageText);

        // No root --version: the word is train's, evaluate's and threshold's model version.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        root.Subcommands.Add(TrainCommand.Build(output));
        root.Subcommands.Add(EvaluateCommand.Build(output));
        root.Subcommands.Add(ThresholdCommand.Build(output));
        root.Subcommands.Add(PipelineCommand.Build(output, error));

        // A root with an action: a word that is no command is then named as such, not hidden behind "command required".
        root.SetAction(int (_) => throw new UsageException("missing the command"));
        return root;
    }
}

using System.CommandLine;
using HybridInference.Training.Cli.Parsing;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Cli;

/// <summary><c>evaluate</c>: edge and cloud accuracy, the cascade table and the effect of degraded inputs (<see cref="EvaluationRunner"/>).</summary>
internal static class EvaluateCommand
{
    public const string Description = """
        Prints edge and cloud accuracy, the cascade table (t = 0.5 .. 0.99), the smallest share of escalated images
        that recovers --target of the accuracy gap, and the effect of degraded inputs.
        """;

    public static Command Build(TextWriter output)
    {
        var d = new EvaluationOptions();
        var models = Values.Text("--models", "DIR", $"the published models (default {d.ModelsDirectory})");
        var version = Values.Int("--version", "N", $"the version evaluated (default {d.Version})");
        var testData = Values.Text("--test-data", "DIR", $"the test split (default {d.TestDirectory})");
        var target = Values.Double("--target", "SHARE", "share of the edge-to-cloud accuracy gap to recover (default " + d.TargetGapRecovered.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        var seed = Values.Int("--seed", "N", $"random seed of the degradations (default {d.Seed})");
        var noDegradations = Values.Flag("--no-degradations", "skip the degraded-input table");
        var command = new Command("evaluate", Description) { models, version, testData, target, seed, noDegradations };
        command.SetAction(parse =>
        {
            var options = new EvaluationOptions
            {
                ModelsDirectory = parse.GetValue(models) ?? d.ModelsDirectory,
                Version = parse.GetValue(version) ?? d.Version,
                TestDirectory = parse.GetValue(testData) ?? d.TestDirectory,
                TargetGapRecovered = parse.GetValue(target) ?? d.TargetGapRecovered,
                Seed = parse.GetValue(seed) ?? d.Seed,
                IncludeDegradations = !parse.GetValue(noDegradations),
            };
            var summary = EvaluationRunner.Run(options, output.WriteLine);
            output.WriteLine();
            output.Write(EvaluationReportWriter.ToMarkdown(summary));
            return CommandLine.Success;
        });
        return command;
    }
}

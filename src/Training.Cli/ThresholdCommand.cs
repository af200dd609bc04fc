using System.CommandLine;
using System.Globalization;
using HybridInference.Training.Cli.Parsing;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Pipeline;

namespace HybridInference.Training.Cli;

/// <summary>
/// <c>threshold</c>: the router threshold meeting an escalation budget or an accuracy target, computed on the test
/// split with the published models, and what it predicts.
/// </summary>
internal static class ThresholdCommand
{
    public const string Description = """
        The router threshold for one target, computed on the test split with the published models:
        --max-escalation SHARE: the highest threshold sending at most SHARE of requests to the cloud;
        --max-accuracy-loss POINTS: the cheapest threshold within POINTS percentage points of the cloud model's
        accuracy. Prints the threshold, predicted accuracy and escalated share.
        """;

    public static Command Build(TextWriter output)
    {
        var d = new EvaluationOptions();
        var maxEscalation = Values.Double("--max-escalation", "SHARE", "the share of requests the cloud may take, in [0,1], e.g. 0.20");
        var maxAccuracyLoss = Values.Double("--max-accuracy-loss", "POINTS", "percentage points below the cloud model's accuracy, in [0,100], e.g. 0.5");
        var models = Values.Text("--models", "DIR", $"the published models (default {d.ModelsDirectory})");
        var version = Values.Int("--version", "N", $"the version used (default {d.Version})");
        var testData = Values.Text("--test-data", "DIR", $"the test split (default {d.TestDirectory})");
        var command = new Command("threshold", Description) { maxEscalation, maxAccuracyLoss, models, version, testData };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(models) ?? d.ModelsDirectory, parse.GetValue(version) ?? d.Version, parse.GetValue(testData) ?? d.TestDirectory,
                parse.GetValue(maxEscalation), parse.GetValue(maxAccuracyLoss), output);
            return CommandLine.Success;
        });
        return command;
    }

    private static void Run(string models, int version, string testData, double? budgetGiven, double? lossGiven, TextWriter output)
    {
        var (hasBudget, hasLoss) = (budgetGiven.HasValue, lossGiven.HasValue);
        var (budget, loss) = (budgetGiven ?? double.NaN, lossGiven ?? double.NaN);
        if (hasBudget == hasLoss)
        {
            throw new UsageException("threshold needs exactly one target: --max-escalation SHARE or --max-accuracy-loss POINTS");
        }

        if (hasBudget && !(budget >= 0 && budget <= 1))
        {
            throw new UsageException($"--max-escalation is a share of requests in [0,1], e.g. 0.20 (was {Format(budget)})");
        }

        if (hasLoss && !(loss >= 0 && loss <= 100))
        {
            throw new UsageException($"--max-accuracy-loss is in percentage points below the cloud model, in [0,100], e.g. 0.5 (was {Format(loss)})");
        }

        if (version < 1)
        {
            throw new UsageException($"--version must be at least 1 (was {version})");
        }

        var test = FashionMnist.Load(testData, DataSplit.Test);
        using var edge = new OnnxClassifier(ModelRepository.ModelPath(models, ModelSpecs.EdgeName, version));
        using var cloud = new OnnxClassifier(ModelRepository.ModelPath(models, ModelSpecs.CloudName, version));
        var analysis = EvaluationRunner.Analyse(edge, cloud, test);
        var row = hasBudget ? ThresholdSearch.ForEscalationBudget(analysis, budget) : ThresholdSearch.ForAccuracyLoss(analysis, loss);

        var target = hasBudget
            ? $"at most {budget:P1} of requests escalated to the cloud"
            : $"accuracy at most {Format(loss)} points below the cloud model";
        output.WriteLine($"Test split: {analysis.Count:N0} images; {ModelSpecs.EdgeName} v{version} {analysis.EdgeAccuracy:P2}, {ModelSpecs.CloudName} v{version} {analysis.CloudAccuracy:P2}");
        output.WriteLine($"Target: {target}");
        output.WriteLine($"Threshold: {row.Threshold:F4}");
        output.WriteLine($"Predicted accuracy: {row.Accuracy:P2} ({(analysis.CloudAccuracy - row.Accuracy) * 100:F2} points below the cloud model)");
        output.WriteLine($"Predicted escalation: {row.EscalatedShare:P2} of requests");
        output.WriteLine($"Gap recovered (PGR): {row.GapRecovered:P1}");

        // The exact value: a rounded one could move an image whose confidence sits on the threshold.
        output.WriteLine($"Router setting: Routing:Models:<model>:Threshold = {row.Threshold.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

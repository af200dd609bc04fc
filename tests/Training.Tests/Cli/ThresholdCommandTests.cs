using System.Globalization;
using HybridInference.Training.Cli;

namespace HybridInference.Training.Tests.Cli;

public class ThresholdCommandTests
{
    [Theory]
    [InlineData(new[] { "threshold" }, "threshold needs exactly one target")]
    [InlineData(new[] { "threshold", "--max-escalation", "0.2", "--max-accuracy-loss", "0.5" }, "threshold needs exactly one target")]
    [InlineData(new[] { "threshold", "--max-escalation", "1.5" }, "--max-escalation is a share of requests in [0,1], e.g. 0.20 (was 1.5)")]
    [InlineData(new[] { "threshold", "--max-escalation", "-0.1" }, "--max-escalation is a share of requests in [0,1]")]
    [InlineData(new[] { "threshold", "--max-escalation", "20%" }, "--max-escalation must be a number, not '20%'")]
    [InlineData(new[] { "threshold", "--max-accuracy-loss", "-1" }, "--max-accuracy-loss is in percentage points below the cloud model, in [0,100], e.g. 0.5 (was -1)")]
    [InlineData(new[] { "threshold", "--max-accuracy-loss", "NaN" }, "--max-accuracy-loss is in percentage points")]
    [InlineData(new[] { "threshold", "--max-accuracy-loss" }, "--max-accuracy-loss needs a value")]
    [InlineData(new[] { "threshold", "--max-escalation", "0.2", "--target", "0.9" }, "unknown option(s): --target")]
    [InlineData(new[] { "threshold", "--max-escalation", "0.2", "--version", "0" }, "--version must be at least 1 (was 0)")]
    public void Threshold_BadCommandLine_IsUsageErrorNamingTheOption(string[] args, string message)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_MissingModels_FailsNamingFile()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Run("threshold", "--max-escalation", "0.2", "--models", temp.Path, "--test-data", TestPaths.TestSplitDirectory);

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("fashion-edge", error, StringComparison.Ordinal);
        Assert.Contains("model file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_EscalationBudgetOnCommittedModels_SpendsTheBudget()
    {
        var (code, output, _) = Run("threshold", "--max-escalation", "0.20", "--models", TestPaths.ModelsDirectory, "--test-data", TestPaths.TestSplitDirectory);

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("Threshold: 0.7036", output, StringComparison.Ordinal);
        Assert.Contains("Predicted accuracy: 89.98", output, StringComparison.Ordinal);
        Assert.Contains("Predicted escalation: 20.00", output, StringComparison.Ordinal);
        Assert.InRange(RouterSetting(output), 0.70, 0.71);
    }

    [Fact]
    public void Threshold_AccuracyLossOnCommittedModels_StaysWithinHalfAPoint()
    {
        var (code, output, _) = Run("threshold", "--max-accuracy-loss", "0.5", "--models", TestPaths.ModelsDirectory, "--test-data", TestPaths.TestSplitDirectory);

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("Threshold: 0.8344", output, StringComparison.Ordinal);
        Assert.Contains("Predicted accuracy: 90.67", output, StringComparison.Ordinal);
        Assert.Contains("(0.50 points below the cloud model)", output, StringComparison.Ordinal);
        Assert.Contains("Predicted escalation: 31.12", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Always_MentionsThreshold()
    {
        var (_, output, _) = Run("help");

        Assert.Contains("threshold (--max-escalation 0.20 | --max-accuracy-loss 0.5)", output, StringComparison.Ordinal);
    }

    // The exact value a router should be configured with, from the last output line.
    private static double RouterSetting(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("Router setting:", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf('=') + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

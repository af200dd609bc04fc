using HybridInference.Training.Cli;

namespace HybridInference.Training.Tests.Cli;

/// <summary>Bad command lines: refused before any work, exit 2, the message naming the word, then the usage.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData(new[] { "trian" }, "error: unknown command 'trian'")]
    [InlineData(new[] { "evaluate", "--modles", "m", "--verison", "2" }, "error: unknown option(s): --modles, --verison")]
    [InlineData(new[] { "train", "--out" }, "error: --out needs a value")]
    [InlineData(new[] { "train", "--edge-epochs", "--no-latency" }, "error: --edge-epochs must be an integer, not '--no-latency'")]
    [InlineData(new[] { "train", "--seed", "4", "--seed", "5" }, "error: --seed is given twice")]
    [InlineData(new[] { "train", "--no-latency", "yes" }, "error: unexpected argument 'yes'")]
    [InlineData(new[] { "train", "--train-limit", "1e3" }, "error: --train-limit must be an integer, not '1e3'")]
    [InlineData(new[] { "evaluate", "--target", "ninety" }, "error: --target must be a number, not 'ninety'")]
    [InlineData(new[] { "evaluate", "--target", "0,9" }, "error: --target must be a number, not '0,9'")]
    [InlineData(new[] { "pipeline", "frobnicate" }, "error: unexpected argument 'frobnicate'")]
    [InlineData(new[] { "pipeline", "status", "a", "--data", "x" }, "error: unknown option(s): --data")]
    [InlineData(new[] { "pipeline", "status" }, "error: pipeline status needs a run id")]
    [InlineData(new[] { "pipeline", "status", "a", "b", "--store", "127.0.0.1:6379" }, "error: pipeline status needs a run id")]
    [InlineData(new[] { "pipeline", "watch", "--new-labelled", "many" }, "error: --new-labelled must be an integer, not 'many'")]
    [InlineData(new[] { "pipeline", "--resume", "r-1", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379" }, "error: --resume continues a run with its stored options; drop --data")]
    public void Run_BadCommandLine_Exit2NamingTheWordThenTheUsage(string[] args, string message)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 success", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Run_MissingTestData_FailsNamingThePath()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "no-such-folder");

        var (code, _, error) = Run(["threshold", "--max-escalation", "0.2", "--models", TestPaths.ModelsDirectory, "--test-data", missing]);

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WordStartingWithAt_IsAPathNotAResponseFile()
    {
        var (code, _, error) = Run(["threshold", "--max-escalation", "0.2", "--models", TestPaths.ModelsDirectory, "--test-data", "@no-such-folder"]);

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("@no-such-folder", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--validation-fraction")]
    [InlineData("evaluate", "--no-degradations")]
    [InlineData("threshold", "--max-accuracy-loss")]
    [InlineData("pipeline", "--max-class-mean-distance")]
    public void Help_OfACommand_ListsItsOptionsAndSucceeds(string command, string option)
    {
        var (code, output, error) = Run([command, "--help"]);

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public void Help_NoArguments_IsTheGeneratedHelp()
    {
        var (code, output, _) = Run([]);

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("pipeline status RUN-ID", output, StringComparison.Ordinal);
        Assert.Contains("threshold", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

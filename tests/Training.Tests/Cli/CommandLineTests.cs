using HybridInference.Training.Cli;

namespace HybridInference.Training.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void Help_PrintsUsageAndSucceeds()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("train", output);
        Assert.Contains("evaluate", output);
    }

    [Fact]
    public void UnknownOption_IsUsageError()
    {
        var (code, _, error) = Run("train", "--sed", "4");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("unknown option(s): --sed", error);
    }

    [Fact]
    public void NonNumericSeed_IsUsageError()
    {
        var (code, _, error) = Run("train", "--seed", "abc");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("--seed must be an integer", error);
    }

    [Fact]
    public void Train_CorruptData_FailsNamingFileAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        Directory.CreateDirectory(data);
        foreach (var (from, to) in new[] { ("t10k-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz"), ("t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz") })
        {
            File.Copy(Path.Combine(TestPaths.Fixture("truncated"), from), Path.Combine(data, to));
        }

        var output = Path.Combine(temp.Path, "models");
        var (code, _, error) = Run("train", "--train-data", data, "--test-data", TestPaths.TestSplitDirectory, "--out", output);

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains(Path.Combine(data, "train-images-idx3-ubyte.gz") + ": truncated", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Evaluate_MissingModels_FailsNamingFile()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Run("evaluate", "--models", temp.Path, "--test-data", TestPaths.TestSplitDirectory);

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("fashion-edge", error);
        Assert.Contains("model file not found", error);
    }

    [Fact]
    public void Evaluate_CommittedModels_PrintsCascadeTable()
    {
        var (code, output, _) = Run("evaluate", "--models", TestPaths.ModelsDirectory, "--test-data", TestPaths.TestSplitDirectory, "--no-degradations");

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("Edge accuracy:", output);
        Assert.Contains("| 0.99 |", output);
        Assert.Contains("Smallest escalation reaching 90 %", output);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

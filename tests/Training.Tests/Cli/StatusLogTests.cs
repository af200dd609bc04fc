using HybridInference.Training.Cli;

namespace HybridInference.Training.Tests.Cli;

public class StatusLogTests
{
    private static readonly string[] PipelineLines =
    [
        "[2/5] train: running",
        "  training fashion-edge: conv",
        "    fashion-edge epoch 1/2: loss 0.9000 (1.0 s)",
        "    fashion-edge epoch 2/2: loss 0.5000 (2.0 s)",
        "[2/5] train: succeeded: v4",
    ];

    [Fact]
    public void Log_Redirected_WritesThePlainLinesOnly()
    {
        using var writer = new StringWriter();
        var log = new StatusLog(new Progress(writer));

        foreach (var line in PipelineLines)
        {
            log.Log(line);
        }

        log.Done();

        Assert.Equal(string.Concat(PipelineLines.Select(l => l + Environment.NewLine)), writer.ToString());
    }

    [Fact]
    public void Log_Terminal_ShowsTheEpochRunningUnderTheLines()
    {
        using var writer = new StringWriter();
        var log = new StatusLog(new Progress(writer, interactive: true));

        log.Log("training fashion-cloud: mlp");
        log.Log("  fashion-cloud epoch 1/3: loss 0.9000 (1.0 s)");

        var shown = writer.ToString().Split('\r')[^1];
        Assert.Equal("fashion-cloud epoch 2/3 running (epoch 1: loss 0.9000 (1.0 s))", shown);
        Assert.Contains("  fashion-cloud epoch 1/3: loss 0.9000 (1.0 s)" + Environment.NewLine, writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_TerminalPipeline_PrefixesTheStepAndClearsWhenItEnds()
    {
        using var writer = new StringWriter();
        var log = new StatusLog(new Progress(writer, interactive: true));

        foreach (var line in PipelineLines.Take(3))
        {
            log.Log(line);
        }

        Assert.Equal("[2/5] train: fashion-edge epoch 2/2 running (epoch 1: loss 0.9000 (1.0 s))", writer.ToString().Split('\r')[^1]);

        log.Log(PipelineLines[^1]);
        log.Done();

        Assert.EndsWith("[2/5] train: succeeded: v4" + Environment.NewLine, writer.ToString().TrimEnd(' ', '\r'), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_NotTheConsole_IsNotInteractive()
    {
        using var writer = new StringWriter();

        Assert.False(new Progress(writer).Interactive);
    }
}

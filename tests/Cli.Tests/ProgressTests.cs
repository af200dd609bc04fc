namespace HybridInference.Cli.Tests;

public sealed class ProgressTests
{
    [Fact]
    public async Task Redirected_WritesThePlainLinesOnly()
    {
        using var writer = new StringWriter();
        var progress = new Progress(writer);

        await progress.ShowAsync("run r-1: running, 3 s, 2 events");
        await progress.WriteLineAsync("    1.0 s  started: 20 requests");
        await progress.ShowAsync("run r-1: running, 4 s, 3 events");
        await progress.ClearAsync();

        Assert.False(progress.Interactive);
        Assert.Equal("    1.0 s  started: 20 requests" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public async Task Terminal_RewritesTheStatusInPlace_AndClearsItBeforeALine()
    {
        using var writer = new StringWriter();
        var progress = new Progress(writer, interactive: true);

        await progress.ShowAsync("step 1 of 9");
        await progress.ShowAsync("step 2");
        await progress.WriteLineAsync("done");

        Assert.Equal("\rstep 1 of 9\rstep 2     \r      \rdone" + Environment.NewLine, writer.ToString());
    }
}

using System.Net;
using System.Net.Sockets;
using HybridInference.Training.Cli;

namespace HybridInference.Training.Tests.Cli;

public class PipelineCommandTests
{
    [Theory]
    [InlineData("no --data", new[] { "pipeline", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379" }, "--data DIR is required")]
    [InlineData("no --store", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "" }, "--store host:port")]
    [InlineData("bad registry", new[] { "pipeline", "--data", "x", "--registry", "ftp://x", "--store", "127.0.0.1:6379" }, "--registry must be")]
    [InlineData("unknown option", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--colour", "red" }, "unknown option(s): --colour")]
    [InlineData("bad number", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--max-psi", "high" }, "--max-psi must be a number")]
    [InlineData("bad option value", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--epochs", "0" }, "Epochs must be 1..1000")]
    [InlineData("bad step", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--stop-after", "deploy" }, "StopAfter must be one of")]
    [InlineData("bad prefix", new[] { "pipeline", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--key-prefix", "Bad Prefix" }, "--key-prefix must be")]
    [InlineData("status without id", new[] { "pipeline", "status" }, "needs a run id")]
    [InlineData("watch without trigger", new[] { "pipeline", "watch", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379" }, "a watched pipeline needs a trigger: --schedule-minutes and/or --new-labelled")]
    [InlineData("watch bad schedule", new[] { "pipeline", "watch", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--schedule-minutes", "0.5" }, "--schedule-minutes must be between 1 and 527040 (was 0.5)")]
    [InlineData("watch bad count", new[] { "pipeline", "watch", "--data", "x", "--registry", "http://localhost:5080", "--store", "127.0.0.1:6379", "--new-labelled", "0" }, "--new-labelled must be between 1 and 100000000 (was 0)")]
    [InlineData("watch bad registry", new[] { "pipeline", "watch", "--data", "x", "--registry", "ftp://x", "--store", "127.0.0.1:6379", "--new-labelled", "5" }, "--registry must be")]
    public void Run_BadCommandLine_Exit2WithTheReason(string because, string[] args, string message)
    {
        var (code, _, error) = Run(args);

        Assert.True(code == 2, because);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Run_StoreUnreachable_Exit3()
    {
        var port = ClosedPort();
        var (code, _, error) = Run(["pipeline", "--data", "x", "--registry", "http://127.0.0.1:1/", "--store", $"127.0.0.1:{port}"]);

        Assert.Equal(3, code);
        Assert.Contains($"store 127.0.0.1:{port} unreachable", error);
    }

    [Fact]
    public void Status_StoreUnreachable_Exit3()
    {
        var (code, _, error) = Run(["pipeline", "status", "20990101-000000-abcdef", "--store", $"127.0.0.1:{ClosedPort()}"]);

        Assert.Equal(3, code);
        Assert.Contains("unreachable", error);
    }

    [Fact]
    public void Help_DocumentsThePipelineAndExitCode3()
    {
        var (code, output, _) = Run(["help"]);

        Assert.Equal(0, code);
        Assert.Contains("pipeline --resume RUN-ID", output);
        Assert.Contains("3 (pipeline) registry or store unreachable", output);
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    // A port nothing listens on: bound and closed again at once.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

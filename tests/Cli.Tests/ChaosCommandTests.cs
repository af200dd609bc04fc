extern alias chaoslab;

using System.Net.Http.Json;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Cli.Tests;

/// <summary>
/// <c>hi chaos</c> against the real ChaosLab in-process on its own Garnet, with experiment files in a folder of the
/// test's own and a router address nobody listens on (a run there fails every request and stops at its safety limit).
/// </summary>
public sealed class ChaosCommandTests : IAsyncLifetime
{
    private const string Url = "http://chaoslab.test";
    private readonly EmbeddedGarnet _store = new("127.0.0.1", FreePort.Next());
    private readonly string _experiments = Directory.CreateTempSubdirectory("hi-cli-experiments-").FullName;
    private WebApplicationFactory<chaoslab::Program> _factory = null!;
    private HttpClient _http = null!;
    private HttpMessageHandler _handler = null!;

    public Task InitializeAsync()
    {
        _factory = new ServiceFactory<chaoslab::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", $"127.0.0.1:{_store.Port}");
            web.UseSetting("Store:KeyPrefix", "cli" + Guid.NewGuid().ToString("N")[..8]);
            web.UseSetting("Experiments:Directory", _experiments);
            web.UseSetting("Experiments:RouterAddress", $"http://127.0.0.1:{FreePort.Next()}");
        });
        _http = _factory.CreateClient();
        _handler = _factory.Server.CreateHandler();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _handler.Dispose();
        await _factory.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_experiments, recursive: true);
    }

    [Fact]
    public async Task FaultsList_ShowsEachActiveFault_AndClear_RemovesThemAll()
    {
        Assert.Equal((0, "no active faults\n"), await HiAsync("chaos", "faults", "list", "--chaoslab", Url));
        using (var created = await _http.PostAsJsonAsync("/api/faults", new { id = "slow-cloud", kind = "link-latency", service = "router", destination = "cloud-inference", latencyMs = 300, durationSeconds = 60 }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var (code, listed) = await HiAsync("chaos", "faults", "list", "--chaoslab", Url);

        Assert.Equal(0, code);
        Assert.StartsWith("id ", listed, StringComparison.Ordinal);
        Assert.Contains("slow-cloud               link-latency     router->cloud-inference                1 ", listed, StringComparison.Ordinal);
        Assert.Equal((0, "cleared 1 fault(s)\n"), await HiAsync("chaos", "faults", "clear", "--chaoslab", Url));
        Assert.Equal((0, "no active faults\n"), await HiAsync("chaos", "faults", "list", "--chaoslab", Url));
    }

    [Fact]
    public async Task Run_FollowsTheTimeline_PrintsTheReport_AndExits1WhenTheRunDidNotPass()
    {
        Write("unreachable-router", """
            {"name":"unreachable-router","traffic":{"requestsPerSecond":20,"durationSeconds":20,"concurrency":4},
             "steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":0.5,"minRequests":5,"windowSeconds":1}}
            """);
        Assert.Equal((0, "unreachable-router\n"), await HiAsync("chaos", "list", "--chaoslab", Url));

        var (code, output) = await HiAsync("chaos", "run", "unreachable-router", "--chaoslab", Url);

        Assert.Equal(ChaosCommands.Refused, code);
        Assert.Matches(@"^run r-[0-9a-f]{8} of unreachable-router started\n", output);
        Assert.Contains("s  started: 400 requests at 20/s", output, StringComparison.Ordinal);
        Assert.Contains("safety stop: ", output, StringComparison.Ordinal);
        Assert.Contains("# Experiment `unreachable-router`: aborted", output, StringComparison.Ordinal);
        Assert.Contains("| unanswered | <= 0 requests without an answer |", output, StringComparison.Ordinal);

        var runId = output[4..14];
        var (reportCode, report) = await HiAsync("chaos", "report", runId, "--chaoslab", Url);
        Assert.Equal(0, reportCode);
        Assert.StartsWith("# Experiment `unreachable-router`: aborted", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNoWait_PrintsTheRunId_AndReturns()
    {
        Write("short", """{"name":"short","traffic":{"requestsPerSecond":5,"durationSeconds":1},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":1}}""");

        var (code, output) = await HiAsync("chaos", "run", "short", "--no-wait", "true", "--chaoslab", Url);

        Assert.Equal(0, code);
        Assert.Matches(@"^run r-[0-9a-f]{8} of short started\n$", output);
    }

    [Theory]
    [InlineData("ChaosLab refused (404): no experiment 'nope'", "run", "nope")]
    [InlineData("ChaosLab refused (404): no run 'r-none'", "report", "r-none")]
    [InlineData("ChaosLab refused (404): no run 'r-none'", "confirm", "r-none", "kill-edge-2")]
    public async Task Refusals_Exit1_WithChaosLabsMessage(string message, params string[] args)
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["chaos", .. args, "--chaoslab", Url], new StringWriter(), error, _handler, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ChaosCommands.Refused, code);
        Assert.StartsWith(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadExperimentFile_Exit1_NamingEachField()
    {
        Write("broken", """{"name":"broken","traffic":{"requestsPerSecond":0,"durationSeconds":5},"steadyState":{"maxUnanswered":0},"safety":{"maxErrorRate":2}}""");
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(["chaos", "run", "broken", "--chaoslab", Url], new StringWriter(), error, _handler, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ChaosCommands.Refused, code);
        Assert.Contains("traffic.requestsPerSecond must be above 0 and at most 500 (was 0)", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("safety.maxErrorRate must be in [0,1] (was 2)", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ChaosLab's address is needed", "chaos", "list")]
    [InlineData("unknown chaos command 'explode'", "chaos", "explode", "--chaoslab", Url)]
    [InlineData("unknown chaos command 'faults add'", "chaos", "faults", "add", "--chaoslab", Url)]
    [InlineData("missing the chaos command", "chaos")]
    [InlineData("'run' takes an experiment name (got '')", "chaos", "run", "--chaoslab", Url)]
    [InlineData("'confirm' takes a run id and an action id (got 'r-1')", "chaos", "confirm", "r-1", "--chaoslab", Url)]
    [InlineData("--no-wait takes true or false, got 'maybe'", "chaos", "run", "x", "--no-wait", "maybe", "--chaoslab", Url)]
    [InlineData("unknown option '--detail'", "chaos", "run", "x", "--detail", "d", "--chaoslab", Url)]
    [InlineData("ChaosLab must be an absolute http(s) URL, got 'chaoslab:80'", "chaos", "list", "--chaoslab", "chaoslab:80")]
    public async Task BadCommandLine_Exit2_NamingTheProblem(string message, params string[] args)
    {
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(args, new StringWriter(), error, _handler, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ChaosCommands.BadUsage, code);
        Assert.StartsWith(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: hi chaos list", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyListening_Exit3()
    {
        using var http = new SocketsHttpHandler();
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(["chaos", "faults", "list"], new StringWriter(), error, http, chaosLabFromEnvironment: $"http://127.0.0.1:{FreePort.Next()}", token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ChaosCommands.Unreachable, code);
        Assert.Contains("could not be reached", error.ToString(), StringComparison.Ordinal);
    }

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_experiments, name + ".json"), json);

    private async Task<(int Code, string Output)> HiAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, _handler, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);
        Assert.True(code == 0 || error.ToString().Length > 0, "a failing command must say why");
        return (code, output.ToString() + (code == 0 ? "" : error.ToString()));
    }
}

using System.Text.RegularExpressions;
using HybridInference.TestSupport;

namespace HybridInference.Cli.Tests;

/// <summary><c>hi rollouts</c> against the real registry in-process: tables, the registry's refusals, exit codes.</summary>
public sealed partial class RolloutCommandTests(CliRegistry registry) : IClassFixture<CliRegistry>
{
    private const string Registry = "http://registry.test";

    private static async Task<(int Code, string Out, string Err)> RunAsync(HttpMessageHandler http, string? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, http, environment, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);
        return (code, output.ToString(), error.ToString());
    }

    public static TheoryData<string[], string> BadCommandLines() => new()
    {
        { ["rollouts"], "missing the rollouts command" },
        { ["rollouts", "frobnicate"], "unknown rollouts command 'frobnicate'" },
        { ["rollouts", "status"], "'status' needs a rollout id" },
        { ["rollouts", "status", "a", "b"], "takes one rollout id, got 2" },
        { ["rollouts", "list", "extra"], "'list' takes no rollout id" },
        { ["rollouts", "start"], "needs --model M and --candidate N" },
        { ["rollouts", "start", "--model", "fashion-edge"], "needs --model M and --candidate N" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "two"], "--candidate must be a version number" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "0"], "--candidate must be a version number" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "-2"], "--candidate must be a version number" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--steps", "5,a,100"], "--steps must be comma-separated" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--steps", ""], "--steps must be comma-separated" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--interval", "0"], "--interval must be a whole number" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--interval", "1.5"], "--interval must be a whole number" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--candidate", "3"], "'--candidate' is given twice" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "extra"], "'start' takes no rollout id" },
        { ["rollouts", "abort", "r1", "--force", "yes"], "unknown option '--force'" },
        { ["rollouts", "abort", "r1", "--reason"], "'--reason' needs a value" },
        { ["rollouts", "status", "r1", "--reason", "why"], "unknown option '--reason'" },
        { ["rollouts", "list", "--registry", "not a url"], "must be an absolute http(s) URL" },
        { ["rollouts", "list", "--registry", "ftp://registry"], "must be an absolute http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_Exits2_NamingTheProblem_WithoutCallingTheRegistry(string[] args, string problem)
    {
        // A registry that cannot be reached: a command that tried to call it would exit 3, not 2.
        using var closed = new ReservedPort();
        using var http = new SocketsHttpHandler();

        var (code, output, error) = await RunAsync(http, $"http://127.0.0.1:{closed.Port}", args);

        Assert.Equal(2, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains("usage: hi rollouts list", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Help_Exits0_WithTheUsage()
    {
        using var http = new SocketsHttpHandler();
        var (code, _, error) = await RunAsync(http, null, "rollouts", "help");
        var (topCode, _, topError) = await RunAsync(http, null, "--help");

        Assert.Equal(0, code);
        Assert.Contains("hi rollouts start --model M --candidate N", error, StringComparison.Ordinal);
        Assert.Equal(0, topCode);
        Assert.Contains("hi rollouts", topError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRegistry_Exits3_NamingIt()
    {
        using var closed = new ReservedPort();
        using var http = new SocketsHttpHandler();
        var address = $"http://127.0.0.1:{closed.Port}";

        var (code, _, error) = await RunAsync(http, null, "rollouts", "list", "--registry", address);
        var (fromEnvironment, _, _) = await RunAsync(http, address, "rollouts", "status", "r1");

        Assert.Equal(3, code);
        Assert.Contains($"the registry at {address}/ could not be reached", error, StringComparison.Ordinal);
        Assert.Equal(3, fromEnvironment);
    }

    [Fact]
    public async Task StartWatchPauseResumeAbort_PrintTheState_AndRefusalsExit1WithTheRegistrysMessage()
    {
        using var http = registry.Client();

        // HI_REGISTRY is used without --registry; --registry wins over it (the environment here points nowhere).
        var (code, started, error) = await RunAsync(http, Registry, "rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--steps", "25,50,100", "--interval", "10", "--reason", "nightly retrain", "--actor", "alice");
        Assert.True(code == 0, error);
        var id = IdLine().Match(started).Groups[1].Value;
        Assert.StartsWith("fashion-edge-", id, StringComparison.Ordinal);
        Assert.Contains("model       fashion-edge v1 -> v2", started, StringComparison.Ordinal);
        Assert.Contains("phase       progressing", started, StringComparison.Ordinal);
        Assert.Contains("weight      25 % (step 1 of 3: 25, 50, 100 %)", started, StringComparison.Ordinal);
        Assert.Contains("by operator", started, StringComparison.Ordinal);
        Assert.Contains("nightly retrain", started, StringComparison.Ordinal);
        Assert.Contains("no analysis yet", started, StringComparison.Ordinal);
        var canaries = CanaryLine().Match(started).Groups[1].Value.Split(", ");
        Assert.Single(canaries);

        // A failing canary: the status shows the measured values of the latest analysis, metric by metric.
        await registry.AnalyseAsync(id, canaries, canaryAccuracy: 0.5, controlAccuracy: 0.9);
        var (statusCode, status, _) = await RunAsync(http, "http://127.0.0.1:1", "rollouts", "status", id, "--registry", Registry);
        Assert.Equal(0, statusCode);
        Assert.Contains("failed      1 analyses (rolled back at 2)", status, StringComparison.Ordinal);
        Assert.Contains("latest analysis 2026-11-28 12:00:10Z at 25 %: failed", status, StringComparison.Ordinal);
        var accuracy = MetricRow(status, "accuracy");
        Assert.Equal(["accuracy", "50", "90", "40", "2", "60", "180", "<0.0001", "failed"], accuracy);
        Assert.Equal(["error_rate", "0", "0", "0", "1", "60", "180", "1", "successful"], MetricRow(status, "error_rate"));

        var (listCode, list, _) = await RunAsync(http, Registry, "rollouts", "list");
        Assert.Equal(0, listCode);
        var row = Assert.Single(list.Split('\n'), l => l.StartsWith(id, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([id, "fashion-edge", "v1->v2", "progressing", "25", "%", "failed"], row[..7]);

        var (pauseCode, paused, _) = await RunAsync(http, Registry, "rollouts", "pause", id, "--reason", "looking");
        Assert.Equal(0, pauseCode);
        Assert.Contains("phase       paused", paused, StringComparison.Ordinal);
        var (againCode, _, again) = await RunAsync(http, Registry, "rollouts", "pause", id);
        Assert.Equal(1, againCode);
        Assert.Contains("the registry refused (409)", again, StringComparison.Ordinal);
        Assert.Contains("only a progressing rollout can be paused", again, StringComparison.Ordinal);

        var (resumeCode, resumed, _) = await RunAsync(http, Registry, "rollouts", "resume", id);
        Assert.Equal(0, resumeCode);
        Assert.Contains("phase       progressing", resumed, StringComparison.Ordinal);

        var (abortCode, aborted, abortError) = await RunAsync(http, Registry, "rollouts", "abort", id, "--reason", "accuracy is down 40 points");
        Assert.True(abortCode == 0, abortError);
        Assert.Contains("phase       rolled-back", aborted, StringComparison.Ordinal);
        Assert.Contains("weight      0 %", aborted, StringComparison.Ordinal);
        Assert.Contains("aborted by command: accuracy is down 40 points", aborted, StringComparison.Ordinal);

        var (promoteCode, _, promote) = await RunAsync(http, Registry, "rollouts", "promote", id);
        Assert.Equal(1, promoteCode);
        Assert.Contains($"the registry refused (409): rollout {id} is already", promote, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> Refusals() => new()
    {
        { ["rollouts", "status", "no-such-rollout"], "(404): rollout 'no-such-rollout' does not exist" },
        { ["rollouts", "abort", "no/such"], "(404)" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "9"], "(404): candidate version 9 of model 'fashion-edge' is not registered" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--steps", "5,50"], "(400): invalid rollout spec: the last step must be 100" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "2", "--steps", "50,25,100"], "must increase" },
        { ["rollouts", "start", "--model", "Not A Model", "--candidate", "2"], "'model' must be" },
        { ["rollouts", "start", "--model", "fashion-edge", "--candidate", "1"], "nothing to roll out" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RegistryRefusal_Exits1_WithItsMessage(string[] args, string message)
    {
        using var http = registry.Client();

        var (code, output, error) = await RunAsync(http, Registry, args);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    private static string[] MetricRow(string table, string metric) =>
        Assert.Single(table.Split('\n'), l => l.StartsWith(metric + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^rollout +(\S+)$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^canaries +(.+)$", RegexOptions.Multiline)]
    private static partial Regex CanaryLine();
}

using HybridInference.Bench.Cli;

namespace HybridInference.Bench.Tests.Cli;

/// <summary><c>bench</c>'s command line: what each command is asked for, and the errors that name the bad option or value (exit 2, nothing run).</summary>
public sealed class BenchCommandLineTests
{
    private readonly List<object> _ran = [];

    private BenchCommandLine.Actions Recording => new(
        (all, _) => { _ran.Add(all); return Task.FromResult(0); },
        (smoke, rest) => { _ran.Add((smoke, string.Join(' ', rest))); return 0; },
        (load, _) => { _ran.Add(load); return Task.FromResult(0); });

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCommandLine.RunAsync(args, output, error, Recording, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task All_PassesEveryOption()
    {
        var (code, _, _) = await RunAsync("all", "--seconds", "3", "--warmup", "0.5", "--smoke", "--no-tools", "--json", "out.json");

        Assert.Equal(0, code);
        Assert.Equal(new BenchCommandLine.AllRequest(3, 0.5, true, true, false, "out.json", null), Assert.Single(_ran));
    }

    [Fact]
    public async Task Micro_HandsTheRestToBenchmarkDotNet()
    {
        var (code, _, _) = await RunAsync("micro", "--smoke", "--filter", "*Onnx*");

        Assert.Equal(0, code);
        Assert.Equal((true, "--filter *Onnx*"), Assert.Single(_ran));
    }

    [Fact]
    public async Task Load_ReadsKindUrlAndDefaults()
    {
        var (code, _, _) = await RunAsync("load", "grpc", "http://localhost:5001", "--rate", "200");

        Assert.Equal(0, code);
        Assert.Equal(new BenchCommandLine.LoadRequest("grpc", new Uri("http://localhost:5001"), null, 32, 10, 2, 200), Assert.Single(_ran));
    }

    [Theory]
    [InlineData("--seconds takes a positive number, not '0'", "all", "--seconds", "0")]
    [InlineData("--warmup takes a positive number, not 'soon'", "all", "--warmup", "soon")]
    [InlineData("--json", "all", "--json")]
    [InlineData("--frobnicate", "all", "--frobnicate")]
    [InlineData("url must be an absolute http(s) URL, not 'localhost:5001'", "load", "get", "localhost:5001")]
    [InlineData("udp", "load", "udp", "http://localhost:5001")]
    [InlineData("--concurrency takes a positive number, not '-4'", "load", "get", "http://localhost:5001", "--concurrency", "-4")]
    [InlineData("frobnicate", "frobnicate")]
    public async Task BadCommandLine_Exits2_NamingTheOptionOrValue_RunningNothing(string named, params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(named, error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task NoArguments_PrintsTheUsage_Exits2_AndHelpExits0()
    {
        var (code, output, _) = await RunAsync();
        var (helpCode, help, _) = await RunAsync("load", "--help");

        Assert.Equal(2, code);
        Assert.Contains("bench load <get|json|grpc> <url>", output, StringComparison.Ordinal);
        Assert.Equal(0, helpCode);
        Assert.Contains("--concurrency", help, StringComparison.Ordinal);
        Assert.Empty(_ran);
    }
}

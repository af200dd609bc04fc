using HybridInference.TestSupport;

namespace HybridInference.Cli.Tests;

/// <summary>System.CommandLine's errors as <c>hi</c> says them: exit 2, nothing sent, the bad option or value named.</summary>
public sealed class ParserErrorTests
{
    public static TheoryData<string[], string> BadCommandLines() => new()
    {
        { ["predictions", "summary", "--window", "5"], "unknown option '--window'" },
        { ["predictions", "summary", "--minutes"], "option '--minutes' needs a value" },
        { ["predictions", "summary", "--minutes", "five"], "--minutes must be a whole number, got 'five'" },
        { ["predictions", "summary", "--router", "not a url"], "--router must be an absolute URL, got 'not a url'" },
        { ["predictions", "summary", "--minutes", "5", "--minutes", "6"], "option '--minutes' is given twice" },
        { ["predictions", "frobnicate"], "unknown predictions command 'frobnicate'" },
        { ["frobnicate"], "unknown command 'frobnicate'" },
        { ["chaos", "run", "x", "--no-wait"], "option '--no-wait' needs a value" },
        { ["chaos", "faults", "list", "extra"], "'list' takes no arguments (got 'extra')" },
        { ["rollouts", "start", "--model", "m", "--candidate", "2", "--interval", "soon"], "--interval must be a whole number of seconds, 1 or more, got 'soon'" },
        { ["rollouts", "start", "--model", "m", "--candidate", "2", "--steps", "5;100"], "--steps must be comma-separated percentages such as 5,25,50,100, got '5;100'" },
        { ["rollouts", "list", "--registry"], "option '--registry' needs a value" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_Exits2_NamingTheOptionOrValue(string[] args, string problem)
    {
        // Nobody listens at any address here: a command that sent anything would exit 1 or 3, not 2.
        using var closed = new ReservedPort();
        var address = $"http://127.0.0.1:{closed.Port}";
        using var http = new SocketsHttpHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(args, output, error, http, registryFromEnvironment: address, chaosLabFromEnvironment: address, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.StartsWith(problem + "\n", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: hi ", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("--candidate", "rollouts", "start", "--help")]
    [InlineData("--no-wait", "chaos", "run", "-h")]
    [InlineData("--minutes", "predictions", "summary", "help")]
    public async Task CommandHelp_Exits0_ListingTheCommandsOptions(string option, params string[] args)
    {
        using var http = new SocketsHttpHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(args, output, error, http, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}

using HybridInference.TestSupport;

namespace HybridInference.Cli.Tests;

/// <summary><c>hi models</c> against the real registry in-process: the tables, alias moves, refusals and exit codes.</summary>
[Collection(RegistryCommandsCollection.Name)]
public sealed class ModelCommandTests(CliRegistry registry)
{
    private const string Registry = RegistryCommandLine.Registry;

    private Task<(int Code, string Out, string Err)> HiAsync(params string[] args) => registry.HiAsync(args);

    [Fact]
    public async Task List_ShowsEveryModel_WithItsLatestVersion()
    {
        var (code, output, error) = await HiAsync("models", "list");

        Assert.True(code == 0, error);
        Assert.StartsWith("model ", output, StringComparison.Ordinal);
        var edge = Assert.Single(output.Split('\n'), l => l.StartsWith("fashion-edge ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["fashion-edge", "v2", "2"], edge[..3]);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("fashion-cloud ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_ListsTheVersions()
    {
        var (code, output, error) = await HiAsync("models", "show", "fashion-edge", "--registry", Registry);

        Assert.True(code == 0, error);
        Assert.Contains("model       fashion-edge\n", output, StringComparison.Ordinal);
        Assert.Contains("latest      v2\n", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.TrimStart().StartsWith("v1 ", StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), l => l.TrimStart().StartsWith("v2 ", StringComparison.Ordinal) && l.Contains(" operator ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alias_MovesIt_AndUnalias_RemovesIt()
    {
        var (code, moved, error) = await HiAsync("models", "alias", "fashion-edge", "cli-alias", "2", "--actor", "alice", "--reason", "try it");

        Assert.True(code == 0, error);
        Assert.Equal("fashion-edge@cli-alias -> v2 (by alice)\n", moved);
        var (_, shown, _) = await HiAsync("models", "show", "fashion-edge");
        Assert.Contains("cli-alias=v2", shown, StringComparison.Ordinal);
        Assert.EndsWith(" cli-alias", Assert.Single(shown.Split('\n'), l => l.TrimStart().StartsWith("v2 ", StringComparison.Ordinal)), StringComparison.Ordinal);

        var (removeCode, removed, removeError) = await HiAsync("models", "unalias", "fashion-edge", "cli-alias", "--actor", "alice");

        Assert.True(removeCode == 0, removeError);
        Assert.Equal("fashion-edge@cli-alias removed (by alice)\n", removed);
        Assert.DoesNotContain("cli-alias", (await HiAsync("models", "show", "fashion-edge")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the registry refused (404)", "models", "show", "no-such-model")]
    [InlineData("the registry refused (404)", "models", "alias", "no-such-model", "champion", "1")]
    [InlineData("the registry refused (404)", "models", "unalias", "fashion-edge", "no-such-alias")]
    public async Task RegistryRefusal_Exits1_WithItsMessage(string message, params string[] args)
    {
        var (code, output, error) = await HiAsync(args);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("missing the models command", "models")]
    [InlineData("'show' needs a model name", "models", "show")]
    [InlineData("'show' takes one model name, got 2", "models", "show", "a", "b")]
    [InlineData("'alias' needs a model name, an alias and a version (got 'fashion-edge champion')", "models", "alias", "fashion-edge", "champion")]
    [InlineData("VERSION must be a version number of 1 or more, got 'two'", "models", "alias", "fashion-edge", "champion", "two")]
    [InlineData("VERSION must be a version number of 1 or more, got '0'", "models", "alias", "fashion-edge", "champion", "0")]
    [InlineData("unknown option '--frob'", "models", "list", "--frob")]
    [InlineData("the registry must be an absolute http(s) URL, got 'registry:80'", "models", "list", "--registry", "registry:80")]
    public async Task BadCommandLine_Exits2_NamingTheProblem(string message, params string[] args)
    {
        var (code, _, error) = await HiAsync(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains("usage: hi models list", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRegistry_Exits3_NamingIt()
    {
        using var closed = new ReservedPort();
        using var http = new SocketsHttpHandler();
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(["models", "list"], new StringWriter(), error, http, $"http://127.0.0.1:{closed.Port}", token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Contains($"the registry at http://127.0.0.1:{closed.Port}/ could not be reached", error.ToString(), StringComparison.Ordinal);
    }
}

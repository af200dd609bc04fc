using HybridInference.Contracts.Security;
using HybridInference.TestSupport;

namespace HybridInference.Cli.Tests;

/// <summary><c>hi login</c> / <c>hi logout</c>, and which token later commands send.</summary>
public sealed class LoginCommandTests(CliRegistry registry) : IClassFixture<CliRegistry>, IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("hi-login-").FullName;

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string? token = null, string? input = null)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        using var http = registry.Client();
        var code = await CommandLine.RunAsync(args, output, error, http, "http://registry.test", token: token, configDirectory: _config,
            input: input is null ? null : new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Login_FromStandardInput_SavesTheToken_AndLaterCommandsSendIt()
    {
        var alice = TestAuth.Token("alice", [Scopes.ModelsRead]);

        var (code, output, _) = await RunAsync(["login"], input: alice + "\n");
        var list = await RunAsync(["models", "list"]);

        Assert.Equal(0, code);
        Assert.Contains("subject alice, scopes models:read", output, StringComparison.Ordinal);
        Assert.Equal(alice, (await File.ReadAllTextAsync(Path.Combine(_config, "token"))).Trim());
        Assert.Equal(0, list.Code);
        Assert.Contains("fashion-edge", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_IsRefused401_NamingWhatToSend()
    {
        var (code, _, error) = await RunAsync(["models", "list"]);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("401", error, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HiToken_WinsOverTheSavedLogin()
    {
        await RunAsync(["login", "--token", TestAuth.Token("alice", [Scopes.FleetRead])]);

        var (code, _, error) = await RunAsync(["models", "list"], token: TestAuth.Token("bob", [Scopes.ModelsRead]));

        Assert.True(code == 0, error);
    }

    [Fact]
    public async Task ATokenWithoutTheScope_Is403_NamingTheScope()
    {
        var (code, _, error) = await RunAsync(["models", "alias", "fashion-edge", "challenger", "1"], token: TestAuth.Token("alice", [Scopes.ModelsRead]));

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("models:write", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("")]
    public async Task Login_WithSomethingThatIsNotAToken_Exits2_AndSavesNothing(string input)
    {
        var (code, _, error) = await RunAsync(["login"], input: input);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("not a token", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_config, "token")));
    }

    [Fact]
    public async Task LoginDev_UsesTheAppHostsOperatorToken_AndLogoutForgetsIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_config, "operator.token"), TestAuth.OperatorToken);

        var login = await RunAsync(["login", "--dev"]);
        var logout = await RunAsync(["logout"]);
        var again = await RunAsync(["logout"]);

        Assert.Equal(0, login.Code);
        Assert.Contains("subject operator", login.Output, StringComparison.Ordinal);
        Assert.Contains("removed", logout.Output, StringComparison.Ordinal);
        Assert.Contains("no saved token", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginDev_WithoutARunningApp_Exits2_SayingHowToStartIt()
    {
        var (code, _, error) = await RunAsync(["login", "--dev"]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("dotnet run --project src/AppHost", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_config, recursive: true);
}

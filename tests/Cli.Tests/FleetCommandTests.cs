using HybridInference.TestSupport;
namespace HybridInference.Cli.Tests;

/// <summary><c>hi fleet</c> against the real registry in-process (four devices of group canary, site site-1).</summary>
[Collection(RegistryCommandsCollection.Name)]
public sealed class FleetCommandTests(CliRegistry registry)
{
    private Task<(int Code, string Out, string Err)> HiAsync(params string[] args) => registry.HiAsync(args);

    [Fact]
    public async Task List_ShowsEachDevice_AndFilters()
    {
        var (code, output, error) = await HiAsync("fleet", "list");
        var (groupCode, group, _) = await HiAsync("fleet", "list", "--group", "canary", "--site", "site-1");
        var (noneCode, none, _) = await HiAsync("fleet", "list", "--site", "nowhere");

        Assert.True(code == 0, error);
        Assert.StartsWith("device ", output, StringComparison.Ordinal);
        foreach (var device in registry.Devices)
        {
            var row = Assert.Single(output.Split('\n'), l => l.StartsWith(device + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([device, "site-1", "canary"], row[..3]);
        }

        Assert.Equal((0, output), (groupCode, group));
        Assert.Equal((0, "no devices\n"), (noneCode, none));
    }

    [Fact]
    public async Task Show_PrintsTheDevice()
    {
        var (code, output, error) = await HiAsync("fleet", "show", "edge-3");

        Assert.True(code == 0, error);
        Assert.Contains("device      edge-3\n", output, StringComparison.Ordinal);
        Assert.Contains("site        site-1   group canary\n", output, StringComparison.Ordinal);
        Assert.Contains("hardware    sim-gpu-8g   software 1.2.3\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desired_ForADevice_IsSetAndShown()
    {
        var (code, output, error) = await HiAsync("fleet", "desired", "--device", "edge-1", "--model", "fashion-edge", "--version", "2", "--actor", "bob", "--reason", "try v2");

        Assert.True(code == 0, error);
        Assert.StartsWith("desired     device:edge-1: fashion-edge v2 (generation ", output, StringComparison.Ordinal);
        Assert.Contains(" by operator: try v2)", output, StringComparison.Ordinal);
        var (_, shown, _) = await HiAsync("fleet", "show", "edge-1");
        Assert.Contains("desired     fashion-edge v2 (generation ", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desired_ForAGroup_NamesItsDevices()
    {
        var (code, output, error) = await HiAsync("fleet", "desired", "--group", "canary", "--model", "fashion-edge", "--version", "1", "--actor", "bob");

        Assert.True(code == 0, error);
        Assert.StartsWith("desired     group:canary: fashion-edge v1 (generation ", output, StringComparison.Ordinal);
        Assert.Contains("devices     ", output, StringComparison.Ordinal);
        foreach (var device in registry.Devices)
        {
            Assert.Contains(device, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Desired_ByAlias_IsTheVersionTheAliasNames()
    {
        var (aliasCode, _, aliasError) = await HiAsync("models", "alias", "fashion-edge", "fleet-alias", "2", "--actor", "bob");
        Assert.True(aliasCode == 0, aliasError);
        try
        {
            var (code, output, error) = await HiAsync("fleet", "desired", "--device", "edge-1", "--model", "fashion-edge", "--alias", "fleet-alias", "--actor", "bob");

            Assert.True(code == 0, error);
            Assert.StartsWith("desired     device:edge-1: fashion-edge v2 (generation ", output, StringComparison.Ordinal);
        }
        finally
        {
            await HiAsync("models", "unalias", "fashion-edge", "fleet-alias", "--actor", "bob");
        }
    }

    [Fact]
    public async Task Revoke_RevokesTheDevicesCredential_AndASecondTimeIsRefused()
    {
        using var anonymous = registry.Factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        var id = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await TestEnrolment.EnrolAsync(anonymous, id, "site-1");

        var (code, output, error) = await HiAsync("fleet", "revoke", id);
        var (again, _, againError) = await HiAsync("fleet", "revoke", id);

        Assert.True(code == 0, error);
        Assert.StartsWith($"device      {id}\ncredential  revoked at ", output, StringComparison.Ordinal);
        Assert.Contains(" by operator\n", output, StringComparison.Ordinal);
        Assert.Contains("enrolled    ", output, StringComparison.Ordinal);
        Assert.Contains("by bootstrap:test (site site-1)", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, again);
        Assert.Contains($"the registry refused (404): device '{id}' holds no credential", againError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the registry refused (404)", "fleet", "show", "no-such-device")]
    [InlineData("the registry refused (404)", "fleet", "desired", "--device", "no-such-device", "--model", "fashion-edge", "--version", "1")]
    [InlineData("the registry refused (", "fleet", "desired", "--device", "edge-2", "--model", "fashion-edge", "--version", "99")]
    [InlineData("the registry refused (404): model 'fashion-edge' has no alias 'no-such-alias'", "fleet", "desired", "--device", "edge-2", "--model", "fashion-edge", "--alias", "no-such-alias")]
    public async Task RegistryRefusal_Exits1_WithItsMessage(string message, params string[] args)
    {
        var (code, output, error) = await HiAsync(args);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("missing the fleet command", "fleet")]
    [InlineData("'show' needs a device id", "fleet", "show")]
    [InlineData("'list' takes no device id (got 'edge-1')", "fleet", "list", "edge-1")]
    [InlineData("'revoke' needs a device id", "fleet", "revoke")]
    [InlineData("'revoke' takes one device id, got 2", "fleet", "revoke", "edge-1", "edge-2")]
    [InlineData("'desired' needs exactly one of --device D, --group G, --site S", "fleet", "desired", "--model", "fashion-edge", "--version", "1")]
    [InlineData("'desired' needs exactly one of --device D, --group G, --site S", "fleet", "desired", "--device", "edge-1", "--group", "canary", "--model", "fashion-edge", "--version", "1")]
    [InlineData("'desired' needs --model M and --version V", "fleet", "desired", "--device", "edge-1", "--version", "1")]
    [InlineData("'desired' needs --model M and --version V (or --alias A)", "fleet", "desired", "--device", "edge-1", "--model", "fashion-edge")]
    [InlineData("'desired' needs --model M and --version V (or --alias A)", "fleet", "desired", "--device", "edge-1", "--alias", "champion")]
    [InlineData("'desired' takes --version V or --alias A, not both", "fleet", "desired", "--device", "edge-1", "--model", "fashion-edge", "--version", "1", "--alias", "champion")]
    [InlineData("option '--alias' needs a value", "fleet", "desired", "--device", "edge-1", "--model", "fashion-edge", "--alias")]
    [InlineData("--version must be a version number of 1 or more, got 'two'", "fleet", "desired", "--device", "edge-1", "--model", "fashion-edge", "--version", "two")]
    [InlineData("unknown option '--models'", "fleet", "desired", "--device", "edge-1", "--models", "fashion-edge")]
    public async Task BadCommandLine_Exits2_NamingTheProblem(string message, params string[] args)
    {
        var (code, _, error) = await HiAsync(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains("usage: hi fleet list", error, StringComparison.Ordinal);
    }
}

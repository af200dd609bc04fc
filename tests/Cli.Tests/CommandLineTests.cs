using HybridInference.ServiceDefaults.Security;
using HybridInference.PredictionLog;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridInference.Cli.Tests;

public sealed class CommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(HttpMessageHandler http, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, http, token: TestAuth.OperatorToken, configDirectory: TestAuth.EmptyDirectory);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("predictions")]
    [InlineData("widgets", "list")]
    [InlineData("predictions", "summary", "--window", "5")]
    [InlineData("predictions", "summary", "--minutes")]
    [InlineData("predictions", "summary", "--router", "not a url")]
    public async Task BadUsage_Exits2_WithUsage(params string[] args)
    {
        using var http = new SocketsHttpHandler();
        var (code, _, err) = await RunAsync(http, args);
        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(err));
    }

    [Fact]
    public async Task Help_Exits0()
    {
        using var http = new SocketsHttpHandler();
        var (code, _, err) = await RunAsync(http, "--help");
        Assert.Equal(0, code);
        Assert.Contains("hi predictions summary", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouterUnreachable_Exits1_NamingIt()
    {
        using var http = new SocketsHttpHandler();
        var (code, _, err) = await RunAsync(http, "predictions", "summary", "--router", $"http://127.0.0.1:{FreePort.Next()}");
        Assert.Equal(1, code);
        Assert.Contains("could not be reached", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_PrintsTheLogsTable_AndPassesRouterErrorsThrough()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        var spool = Directory.CreateTempSubdirectory("hi-cli-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:store"] = $"127.0.0.1:{garnet.Port}",
            ["PredictionLog:SpoolDirectory"] = spool,
            ["Auth:SigningKey"] = TestAuth.SigningKey,
        });
        builder.AddServiceAuthentication();
        builder.AddStore();
        builder.AddPredictionLog();
        await using var app = builder.Build();
        app.MapPredictionLogApi();
        await app.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<PredictionStore>().WriteAsync(
        [
            new PredictionRecord { RequestId = "a", Timestamp = now, Model = "fashion", Tier = "edge", EdgeClass = 1, Label = 1, TotalLatencyMs = 2 },
            new PredictionRecord { RequestId = "b", Timestamp = now, Model = "fashion", Tier = "cloud", EdgeClass = 6, CloudClass = 0, Label = 0, EscalationReason = "low-confidence", TotalLatencyMs = 45 },
        ]);
        using var http = app.GetTestServer().CreateHandler();

        var (code, output, _) = await RunAsync(http, "predictions", "summary", "--router", "http://router.test", "--minutes", "5");
        var (badCode, _, badError) = await RunAsync(http, "predictions", "summary", "--router", "http://router.test", "--minutes", "0");

        Assert.Equal(0, code);
        Assert.Contains("requests    2", output, StringComparison.Ordinal);
        Assert.Contains("accuracy 100.00 %", output, StringComparison.Ordinal);
        Assert.Contains("low-confidence=1", output, StringComparison.Ordinal);
        Assert.Equal(1, badCode);
        Assert.Contains("400", badError, StringComparison.Ordinal);
        Directory.Delete(spool, recursive: true);
    }
}

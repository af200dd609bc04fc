using HybridInference.TestSupport;
using HybridInference.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HybridInference.Storage.Tests;

public class StoreOutageTests
{
    [Fact]
    public async Task StoreAbsentAtStart_IsReportedInLogAndHealth_ThenRecoversWhenItAppears()
    {
        var port = FreePort.Next();
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        await using var store = StoreFactory.Connect($"127.0.0.1:{port}", factory);
        var check = new StoreHealthCheck(store);

        var before = await check.CheckHealthAsync(new());
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains($"Store unreachable at 127.0.0.1:{port}", before.Description, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning:", StringComparison.Ordinal)
            && line.Contains($"Store unreachable at 127.0.0.1:{port} during start-up", StringComparison.Ordinal));

        using var garnet = new EmbeddedGarnet("127.0.0.1", port);

        // The multiplexer reconnects on its own schedule; a bounded wait, not a timing assertion.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HealthCheckResult after;
        do
        {
            await Task.Delay(200);
            after = await check.CheckHealthAsync(new());
        }
        while (after.Status != HealthStatus.Healthy && DateTime.UtcNow < deadline);

        Assert.Equal(HealthStatus.Healthy, after.Status);
        await store.Database.StringSetAsync(store.Key("recovered"), "yes");
        Assert.Equal("yes", (string?)await store.Database.StringGetAsync(store.Key("recovered")));
    }
}

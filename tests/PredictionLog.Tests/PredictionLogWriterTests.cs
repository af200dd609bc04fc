using Microsoft.Extensions.Configuration;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.PredictionLog.Tests;

public sealed class PredictionLogWriterTests : IDisposable
{
    private readonly string _spool = Directory.CreateTempSubdirectory("hi-spool-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private static IEnumerable<PredictionRecord> Batch(string tag, int count) =>
        Enumerable.Range(0, count).Select(i => Records.Edge($"{tag}-{i}", Records.T0.AddMilliseconds(i)));

    [Fact]
    public async Task Logged_Records_AllReachTheStore()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        using var host = LogHost.Build($"127.0.0.1:{garnet.Port}", _prefix, _spool);
        await host.StartAsync();

        foreach (var record in Batch("ok", 1000))
        {
            host.Logger().Log(record);
        }

        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == 1000, "1000 records in the store");
        await host.StopAsync();
    }

    [Fact]
    public async Task FewRecords_WaitTheFlushInterval_ThenGoInOneBatch()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        var clock = new FakeTimeProvider(Records.T0);
        using var host = LogHost.Build($"127.0.0.1:{garnet.Port}", _prefix, _spool, time: clock, flushIntervalMs: 10);
        await host.StartAsync();

        foreach (var record in Batch("linger", 3))
        {
            host.Logger().Log(record);
        }

        // The fake clock stands still, so the writer is still waiting for more records to join the batch.
        await Task.Delay(300);
        Assert.Equal(0, await host.Store().CountAsync());

        clock.Advance(TimeSpan.FromMilliseconds(10));
        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == 3, "3 records in the store");
        await host.StopAsync();
    }

    [Fact]
    public async Task StoreOutage_RecordsWaitInTheJournal_ThenAllArriveOnceWhenTheStoreAppears()
    {
        var reserved = new ReservedPort();
        var port = reserved.Port;
        using var host = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool, memoryBuffer: 100);
        await host.StartAsync();

        foreach (var record in Batch("outage", 1050))
        {
            host.Logger().Log(record);
        }

        // Every record is on disk; memory holds at most the queue (100) and the writer's batch (64).
        Assert.Equal(1050, host.Journal().UnstoredRecords);
        Assert.True(host.Logger().Queued <= 100, $"queued {host.Logger().Queued}");
        Assert.True(host.Writer().Pending <= 64, $"pending {host.Writer().Pending}");

        reserved.Dispose();
        using var garnet = new EmbeddedGarnet("127.0.0.1", port);
        await LogHost.WaitForAsync(async () => host.Journal().UnstoredRecords == 0 && await host.Store().CountAsync() == 1050, "every record written after the store appeared", attempts: 600);

        Assert.Equal(1050, await host.Store().CountAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task StopWhileStoreDown_KeepsRecordsOnDisk_AndTheNextStartWritesThem()
    {
        var reserved = new ReservedPort();
        var port = reserved.Port;
        using (var first = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool, memoryBuffer: 10_000))
        {
            await first.StartAsync();
            foreach (var record in Batch("restart", 300))
            {
                first.Logger().Log(record);
            }

            await first.StopAsync();
            Assert.Equal(300, first.Journal().UnstoredRecords);
        }

        reserved.Dispose();

        using var garnet = new EmbeddedGarnet("127.0.0.1", port);
        using var second = LogHost.Build($"127.0.0.1:{port}", _prefix, _spool);
        await second.StartAsync();

        await LogHost.WaitForAsync(async () => second.Journal().UnstoredRecords == 0 && await second.Store().CountAsync() == 300, "journaled records written on the next start");
        await second.StopAsync();
    }

    [Fact]
    public async Task Log_NullRecord_Throws()
    {
        using var host = LogHost.Build("127.0.0.1:1", _prefix, _spool);
        Assert.Throws<ArgumentNullException>(() => host.Logger().Log(null!));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("PredictionLog:BatchSize", "0")]
    [InlineData("PredictionLog:MemoryBufferRecords", "0")]
    [InlineData("PredictionLog:RetryDelayMs", "1")]
    [InlineData("PredictionLog:FlushIntervalMs", "-1")]
    [InlineData("PredictionLog:SpoolDirectory", "")]
    [InlineData("PredictionLog:FsyncIntervalMs", "-1")]
    [InlineData("PredictionLog:SegmentBytes", "1000")]
    [InlineData("PredictionLog:MaxSpoolBytes", "10")]
    public async Task BadSetting_StopsStart_NamingIt(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:store"] = "127.0.0.1:1", [key] = value });
        builder.AddStore();
        builder.AddPredictionLog();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key.Split(':')[1], ex.Message, StringComparison.Ordinal);
    }
}

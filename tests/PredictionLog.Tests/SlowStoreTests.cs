using HybridInference.Store;
using HybridInference.TestSupport;
using Xunit.Abstractions;

namespace HybridInference.PredictionLog.Tests;

/// <summary>A store that is up but answers each command 2 s late: the log's memory must not grow with what waits.</summary>
[Collection(AloneCollection.Name)]
public sealed class SlowStoreTests(ITestOutputHelper output) : IDisposable
{
    private const int Records = 100_000;
    private const int Queue = 1_000;
    // 100,000 records held as objects and batches take well over 100 MB; the queue's 1,000 take well under 1 MB.
    private const long HeapGrowthBound = 32L << 20;

    private readonly string _spool = Directory.CreateTempSubdirectory("hi-slow-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    [Fact]
    public async Task StoreAnsweringIn2Seconds_KeepsMemoryBounded_AndEveryRecordArrivesOnceItIsFastAgain()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        using var proxy = new DelayingTcpProxy(garnet.Port);
        using var host = LogHost.Build($"127.0.0.1:{proxy.Port}", _prefix, _spool, memoryBuffer: Queue, storeTimeoutMs: 10_000);
        await host.StartAsync();
        await host.Store().CountAsync();
        proxy.Delay = TimeSpan.FromSeconds(2);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peakQueued = 0;
        for (var i = 0; i < Records; i++)
        {
            host.Logger().Log(HybridInference.PredictionLog.Tests.Records.Edge($"slow-{i}", HybridInference.PredictionLog.Tests.Records.T0.AddMilliseconds(i)));
            peakQueued = Math.Max(peakQueued, host.Logger().Queued);
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"heap growth {growth / 1024.0 / 1024:0.0} MiB with {Records} records logged against a 2 s store; journal {host.Journal().Bytes / 1024.0 / 1024:0.0} MiB on disk; peak queue {peakQueued}");
        Assert.True(growth < HeapGrowthBound, $"the heap grew {growth} bytes (bound {HeapGrowthBound})");
        Assert.True(peakQueued <= Queue, $"queue peaked at {peakQueued}");
        Assert.Equal(0, host.Logger().DroppedRecords);

        proxy.Delay = TimeSpan.Zero;
        await LogHost.WaitForAsync(async () => await host.Store().CountAsync() == Records, "every record stored once the store is fast again", attempts: 1200);
        await host.StopAsync();
    }
}

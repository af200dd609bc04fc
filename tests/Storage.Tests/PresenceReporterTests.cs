using HybridInference.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Storage.Tests;

public class PresenceReporterTests(StoreBackends servers) : IClassFixture<StoreBackends>
{
    [Fact]
    public async Task Reporter_AnnouncesOnStart_RefreshesOnTick_RemovesOnStop()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new PresenceOptions { Service = "edge-9", Instance = "i-1", Role = "edge", Site = "site-9", IntervalSeconds = 5 });
        await using var store = StoreFactory.Connect(servers.ConnectionString(StoreBackends.Garnet), prefix: StoreFactory.UniquePrefix());
        var directory = new PresenceDirectory(store, options, time);
        using var reporter = new PresenceReporter(directory, options, time, NullLogger<PresenceReporter>.Instance);

        await reporter.StartAsync(CancellationToken.None);
        var first = await WaitForAsync(directory, r => r.Count == 1);
        Assert.Equal(("edge-9", "i-1", "site-9"), (first[0].Service, first[0].Instance, first[0].Site));

        time.Advance(TimeSpan.FromSeconds(5));
        var refreshed = await WaitForAsync(directory, r => r.Count == 1 && r[0].LastSeen > first[0].LastSeen);
        Assert.Equal(time.GetUtcNow(), refreshed[0].LastSeen);

        await reporter.StopAsync(CancellationToken.None);
        Assert.Empty(await directory.ListAsync());
    }

    [Fact]
    public async Task Stop_AfterTheStoreConnectionWasDisposed_DoesNotThrow()
    {
        // Two owners stopping one host (WebApplication.RunAsync and a test factory) race: the container,
        // store connection included, can be disposed before this reporter's StopAsync runs.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new PresenceOptions { Service = "edge-8", Instance = "i-2", Role = "edge", Site = "site-8", IntervalSeconds = 5 });
        var store = StoreFactory.Connect(servers.ConnectionString(StoreBackends.Garnet), prefix: StoreFactory.UniquePrefix());
        var directory = new PresenceDirectory(store, options, time);
        using var reporter = new PresenceReporter(directory, options, time, NullLogger<PresenceReporter>.Instance);
        await reporter.StartAsync(CancellationToken.None);
        await WaitForAsync(directory, r => r.Count == 1);

        await store.DisposeAsync();

        await reporter.StopAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<PresenceRecord>> WaitForAsync(PresenceDirectory directory, Func<IReadOnlyList<PresenceRecord>, bool> condition)
    {
        // The reporter writes on its own task; poll the store a bounded number of times.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var records = await directory.ListAsync();
            if (condition(records))
            {
                return records;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("presence record did not reach the expected state");
    }
}

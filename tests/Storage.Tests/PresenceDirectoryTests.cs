using HybridInference.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Storage.Tests;

public class PresenceDirectoryTests(StoreBackends servers) : IClassFixture<StoreBackends>
{
    private static PresenceRecord Record(string service, DateTimeOffset at) =>
        new(service, "host-1", "edge", "site-1", "1.0.0", at, at);

    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task List_ReturnsWrittenRecords_SortedByService(string backend)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var store = StoreFactory.Connect(servers.ConnectionString(backend), prefix: StoreFactory.UniquePrefix());
        var directory = new PresenceDirectory(store, Options.Create(new PresenceOptions()), time);

        await directory.WriteAsync(Record("router", time.GetUtcNow()));
        await directory.WriteAsync(Record("edge-1", time.GetUtcNow()));

        var listed = await directory.ListAsync();
        Assert.Equal(["edge-1", "router"], listed.Select(r => r.Service));
        Assert.Equal("site-1", listed[0].Site);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task List_OmitsRecordsOlderThanTimeToLive(string backend)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var store = StoreFactory.Connect(servers.ConnectionString(backend), prefix: StoreFactory.UniquePrefix());
        var directory = new PresenceDirectory(store, Options.Create(new PresenceOptions { TimeToLiveSeconds = 20 }), time);

        await directory.WriteAsync(Record("edge-silent", time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(15));
        await directory.WriteAsync(Record("edge-alive", time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(10));

        var listed = await directory.ListAsync();
        Assert.Equal(["edge-alive"], listed.Select(r => r.Service));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task Remove_DeletesRecord(string backend)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var store = StoreFactory.Connect(servers.ConnectionString(backend), prefix: StoreFactory.UniquePrefix());
        var directory = new PresenceDirectory(store, Options.Create(new PresenceOptions()), time);
        var record = Record("chaoslab", time.GetUtcNow());

        await directory.WriteAsync(record);
        await directory.RemoveAsync(record);

        Assert.Empty(await directory.ListAsync());
    }
}

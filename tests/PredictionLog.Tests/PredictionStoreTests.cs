using HybridInference.TestSupport;

namespace HybridInference.PredictionLog.Tests;

public sealed class PredictionStoreTests(StoreBackends servers) : IClassFixture<StoreBackends>
{
    public static TheoryData<string> Backends => StoreBackends.Available();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Write_ThenGet_RoundTripsEveryField(string backend)
    {
        await using var connection = Stores.Connect(servers.ConnectionString(backend));
        var store = new PredictionStore(connection);
        var record = Records.Cloud("r-1", Records.T0, edgeClass: 6, cloudClass: 0, label: 0);

        var (written, conflicts) = await store.WriteAsync([record]);

        Assert.Equal((1, 0), (written, conflicts));
        Assert.Equal(record, await store.GetAsync("r-1"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Write_SameRecordTwice_IsStoredOnce(string backend)
    {
        await using var connection = Stores.Connect(servers.ConnectionString(backend));
        var store = new PredictionStore(connection);
        var batch = Enumerable.Range(0, 50).Select(i => Records.Edge($"r-{i}", Records.T0.AddSeconds(i))).ToList();

        await store.WriteAsync(batch);
        var (written, conflicts) = await store.WriteAsync(batch);

        Assert.Equal((0, 0), (written, conflicts));
        Assert.Equal(50, await store.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Write_ReusedIdWithOtherContent_IsCountedAsConflict_AndFirstIsKept(string backend)
    {
        await using var connection = Stores.Connect(servers.ConnectionString(backend));
        var store = new PredictionStore(connection);
        var first = Records.Edge("dup", Records.T0, answered: 3);

        await store.WriteAsync([first]);
        var (written, conflicts) = await store.WriteAsync([Records.Edge("dup", Records.T0, answered: 4)]);

        Assert.Equal((0, 1), (written, conflicts));
        Assert.Equal(3, (await store.GetAsync("dup"))!.EdgeClass);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ReadWindow_ReturnsOnlyRecordsInside_OldestFirst(string backend)
    {
        await using var connection = Stores.Connect(servers.ConnectionString(backend));
        var store = new PredictionStore(connection);
        await store.WriteAsync(Enumerable.Range(0, 10).Select(i => Records.Edge($"w-{i}", Records.T0.AddMinutes(i))).ToList());

        var window = await store.ReadWindowAsync(Records.T0.AddMinutes(3), Records.T0.AddMinutes(6));

        Assert.Equal(["w-3", "w-4", "w-5", "w-6"], window.Select(r => r.RequestId));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Trim_DeletesRecordsBeforeCutoff(string backend)
    {
        await using var connection = Stores.Connect(servers.ConnectionString(backend));
        var store = new PredictionStore(connection);
        await store.WriteAsync(Enumerable.Range(0, 10).Select(i => Records.Edge($"old-{i}", Records.T0.AddHours(i))).ToList());

        var removed = await store.TrimAsync(Records.T0.AddHours(4));

        Assert.Equal(4, removed);
        Assert.Equal(6, await store.CountAsync());
        Assert.Null(await store.GetAsync("old-0"));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using HybridInference.Faults.Model;
using HybridInference.Storage;
using HybridInference.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Faults.Tests.Distribution;

/// <summary>
/// Faults written straight into the real store (Garnet), bypassing the API, as anything with store access could:
/// read back through <see cref="FaultStore"/>, the bad ones are ignored and the long ones end at the limit.
/// </summary>
public sealed class StoredFaultCheckTests(StoreBackends stores) : IClassFixture<StoreBackends>, IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly StoreConnection _connection = new(
        Options.Create(new StoreOptions { ConnectionString = stores.ConnectionString(StoreBackends.Garnet), KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..10] }),
        NullLogger<StoreConnection>.Instance);

    [Fact]
    public async Task ReadAll_ADocumentThatIsNotAValidFault_IsIgnored_TheValidOnesKept()
    {
        var store = Store();
        var good = Make("good", _time.GetUtcNow().AddMinutes(5));
        await WriteAsync(good.Id, Json(good));
        await WriteAsync("not-json", "{ this is not json");
        await WriteAsync("no-latency", Json(good, f => { f["id"] = "no-latency"; f.Remove("latencyMs"); }));
        await WriteAsync("bad-kind", Json(good, f => { f["id"] = "bad-kind"; f["kind"] = "meltdown"; }));
        await WriteAsync("bad-rate", Json(good, f => { f["id"] = "bad-rate"; f["rate"] = 7; }));
        await WriteAsync("huge-latency", Json(good, f => { f["id"] = "huge-latency"; f["latencyMs"] = 3_600_000; }));
        await WriteAsync("other-id", Json(good, f => f["id"] = "someone-else"));

        var faults = await store.ReadAllAsync();

        Assert.Equal(["good"], faults.Select(f => f.Id));
    }

    [Fact]
    public async Task ReadAll_AnExpiryFarInTheFuture_IsCappedAtTheLimit_AndRereadsDoNotRenewIt()
    {
        var store = Store(maxDurationSeconds: 600);
        var now = _time.GetUtcNow();
        await WriteAsync("forever", Json(Make("forever", now.AddYears(1))));

        var first = Assert.Single(await store.ReadAllAsync());
        Assert.Equal(now.AddSeconds(600), first.ExpiresAt);

        _time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(now.AddSeconds(600), Assert.Single(await store.ReadAllAsync()).ExpiresAt);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(Assert.Single(await store.ReadAllAsync()).IsActiveAt(_time.GetUtcNow()));
    }

    [Fact]
    public async Task ReadAll_AStartWrittenAhead_CannotPushTheEndPastTheLimitFromFirstSight()
    {
        var store = Store(maxDurationSeconds: 600);
        var now = _time.GetUtcNow();
        await WriteAsync("later", Json(Make("later", now.AddYears(1)), f => f["startsAt"] = now.AddSeconds(300)));
        await WriteAsync("too-far", Json(Make("too-far", now.AddYears(1)), f => f["startsAt"] = now.AddDays(2)));

        var later = Assert.Single(await store.ReadAllAsync());

        Assert.Equal("later", later.Id);
        Assert.Equal(now.AddSeconds(600), later.ExpiresAt);
    }

    [Fact]
    public async Task ReadAll_MoreFaultsThanTheLimit_KeepsTheOldest()
    {
        var store = Store(maxActive: 2);
        for (var i = 0; i < 4; i++)
        {
            var fault = Make($"f-{i}", _time.GetUtcNow().AddMinutes(5)) with { CreatedAt = _time.GetUtcNow().AddSeconds(i) };
            await WriteAsync(fault.Id, Json(fault));
        }

        Assert.Equal(["f-0", "f-1"], (await store.ReadAllAsync()).Select(f => f.Id));
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private FaultStore Store(int maxDurationSeconds = 3600, int maxActive = 100) =>
        new(_connection, new StoredFaultCheck(Options.Create(new StoredFaultLimits { MaxDurationSeconds = maxDurationSeconds, MaxActive = maxActive }), _time, NullLogger<StoredFaultCheck>.Instance));

    /// <summary>A valid link-latency fault from now, with an expiry the API would never write.</summary>
    private Fault Make(string id, DateTimeOffset expiresAt) =>
        Faults.Make(Faults.Latency("router", "cloud-inference", 200) with { Id = id }, _time.GetUtcNow()) with { ExpiresAt = expiresAt };

    private static string Json(Fault fault, Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(fault, FaultJson.Options))!.AsObject();
        change?.Invoke(node);
        return node.ToJsonString();
    }

    /// <summary>As a writer that bypasses the API would: the key without a TTL, and the id in the index.</summary>
    private async Task WriteAsync(string id, string json)
    {
        var store = new FaultStore(_connection);
        await _connection.Database.StringSetAsync(store.FaultKey(id), json);
        await _connection.Database.SetAddAsync(store.IndexKey, id);
    }
}

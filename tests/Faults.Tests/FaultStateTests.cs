using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Faults.Tests;

public sealed class FaultStateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Replace_KeepsOnlyThisServicesFaults()
    {
        var state = new FaultState("router", _time);
        var mine = Faults.Make(Faults.Latency("router", "cloud-inference", 300), _time.GetUtcNow());
        var other = Faults.Make(Faults.Latency("edge-1", "registry", 300), _time.GetUtcNow());

        var set = state.Replace([mine, other]);

        Assert.Equal([mine], set.Active);
        Assert.Same(mine, set.ForLink("cloud-inference").Latency);
        Assert.True(set.ForLink("edge-1").IsEmpty);
    }

    [Fact]
    public void Current_FaultEndsAtItsExpiry_WithoutAnotherRead()
    {
        var state = new FaultState("router", _time);
        state.Replace([Faults.Make(Faults.Latency("router", "cloud-inference", 300, seconds: 10), _time.GetUtcNow())]);
        List<int> changes = [];
        state.Changed += set => changes.Add(set.Active.Count);

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Single(state.Current.Active);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(state.Current.IsEmpty);
        Assert.Equal([0], changes);
    }

    [Fact]
    public void Current_FutureFaultStartsOnTime()
    {
        var state = new FaultState("edge-1", _time);
        var later = Faults.Make(new FaultRequest { Kind = "store-outage", Service = "edge-1", StartsAt = _time.GetUtcNow().AddSeconds(5), DurationSeconds = 5 }, _time.GetUtcNow());
        state.Replace([later]);

        Assert.True(state.Current.IsEmpty);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(later, state.Current.First(FaultKind.StoreOutage));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(state.Current.First(FaultKind.StoreOutage));
    }

    [Fact]
    public void Replace_WithEmptyList_ClearsAndRaisesChanged()
    {
        var state = new FaultState("router", _time);
        state.Replace([Faults.Make(Faults.Latency("router", "*", 5), _time.GetUtcNow())]);
        FaultSet? seen = null;
        state.Changed += set => seen = set;

        state.Replace([]);

        Assert.NotNull(seen);
        Assert.True(seen!.IsEmpty);
    }

    [Fact]
    public void ForLink_WildcardMatchesEveryDestination_FirstOfEachKindWins()
    {
        var now = _time.GetUtcNow();
        var state = new FaultState("router", _time);
        var wildcard = Faults.Make(Faults.Latency("router", "*", 100), now);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var specific = Faults.Make(Faults.Latency("router", "edge-1", 500), _time.GetUtcNow());
        var error = Faults.Make(new FaultRequest { Kind = "link-error", Service = "router", Destination = "edge-1", StatusCode = 503, DurationSeconds = 60 }, _time.GetUtcNow());
        state.Replace([specific, error, wildcard]);

        var link = state.Current.ForLink("edge-1");
        Assert.Same(wildcard, link.Latency);
        Assert.Same(error, link.Error);
        Assert.Same(wildcard, state.Current.ForLink("cloud-inference").Latency);
        Assert.Null(state.Current.ForLink("cloud-inference").Error);
    }
}

using HybridInference.Router.Routing;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Routing;

public class EscalationLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryAcquire_WithinOneSecondsBudget_AllowsExactlyTheRate()
    {
        var limiter = new EscalationLimiter(_time);
        var route = RoutingTestOptions.Route(maxPerSecond: 5);

        var allowed = Enumerable.Range(0, 8).Count(_ => limiter.TryAcquire(route, "site-a"));

        Assert.Equal(5, allowed);
    }

    [Fact]
    public void TryAcquire_AfterTimePasses_RefillsInProportion()
    {
        var limiter = new EscalationLimiter(_time);
        var route = RoutingTestOptions.Route(maxPerSecond: 10);
        while (limiter.TryAcquire(route, "site-a"))
        {
        }

        _time.Advance(TimeSpan.FromMilliseconds(299));
        var afterAlmost300Ms = Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(route, "site-a"));
        _time.Advance(TimeSpan.FromMilliseconds(11));
        var afterAnother11Ms = Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(route, "site-a"));

        Assert.Equal(2, afterAlmost300Ms);
        Assert.Equal(1, afterAnother11Ms);
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsOnlyToOneSecond()
    {
        var limiter = new EscalationLimiter(_time);
        var route = RoutingTestOptions.Route(maxPerSecond: 3);
        limiter.TryAcquire(route, "site-a");

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(route, "site-a")));
    }

    [Fact]
    public void TryAcquire_SitesAndModels_HaveSeparateBudgets()
    {
        var limiter = new EscalationLimiter(_time);
        var fashion = RoutingTestOptions.Route(maxPerSecond: 1);
        var other = fashion with { Model = "other" };

        Assert.True(limiter.TryAcquire(fashion, "site-a"));
        Assert.False(limiter.TryAcquire(fashion, "site-a"));
        Assert.True(limiter.TryAcquire(fashion, "site-b"));
        Assert.True(limiter.TryAcquire(other, "site-a"));
    }

    [Fact]
    public void TryAcquire_FractionalRate_AllowsOneCallPerPeriod()
    {
        var limiter = new EscalationLimiter(_time);
        var route = RoutingTestOptions.Route(maxPerSecond: 0.5);

        Assert.True(limiter.TryAcquire(route, "site-a"));
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(limiter.TryAcquire(route, "site-a"));
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(limiter.TryAcquire(route, "site-a"));
    }

    [Fact]
    public void TryAcquire_RateLoweredAtRunTime_AppliesToTheExistingBucket()
    {
        var limiter = new EscalationLimiter(_time);
        Assert.True(limiter.TryAcquire(RoutingTestOptions.Route(maxPerSecond: 100), "site-a"));

        var lowered = RoutingTestOptions.Route(maxPerSecond: 2);

        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(lowered, "site-a")));
    }

    [Fact]
    public void TryAcquire_ManyThreadsAtOnce_NeverExceedsTheBudget()
    {
        var limiter = new EscalationLimiter(_time);
        var route = RoutingTestOptions.Route(maxPerSecond: 100);
        var allowed = 0;

        Parallel.For(0, 2_000, _ =>
        {
            if (limiter.TryAcquire(route, "site-a"))
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(100, allowed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void TryAcquire_NoSite_Throws(string? site)
    {
        var limiter = new EscalationLimiter(_time);

        Assert.ThrowsAny<ArgumentException>(() => limiter.TryAcquire(RoutingTestOptions.Route(), site!));
    }
}

using HybridInference.Router.Edges;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Edges;

public class LatencyWindowTests
{
    [Fact]
    public void P95_Empty_IsZero() => Assert.Equal(0, new LatencyWindow(10).P95());

    [Fact]
    public void P95_KeepsOnlyTheLastValues()
    {
        var window = new LatencyWindow(20);
        for (var i = 0; i < 20; i++)
        {
            window.Add(1000);
        }

        for (var i = 1; i <= 20; i++)
        {
            window.Add(i);
        }

        Assert.Equal(19, window.P95());
    }

    [Fact]
    public void P95_ForgetsSamplesOlderThanTheMaximumAge_SoABypassedNodeComesBack()
    {
        var clock = new FakeTimeProvider();
        var window = new LatencyWindow(200, TimeSpan.FromSeconds(30), clock);
        for (var i = 0; i < 50; i++)
        {
            window.Add(900);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        window.Add(5);
        Assert.Equal(900, window.P95());

        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(5, window.P95());

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, window.P95());
    }

    [Fact]
    public void P95_IsReusedWithinTheRefreshPeriod_ThenRecomputed()
    {
        var clock = new FakeTimeProvider();
        var window = new LatencyWindow(100, TimeSpan.FromSeconds(30), clock);
        window.Add(10);
        Assert.Equal(10, window.P95());

        for (var i = 0; i < 50; i++)
        {
            window.Add(500);
        }

        Assert.Equal(10, window.P95());
        clock.Advance(LatencyWindow.Refresh);
        Assert.Equal(500, window.P95());
    }

    [Fact]
    public void Record_CallsStartedBeforeTheFirstAnswer_AreLeftOut_TheirAnswerMakesTheWindowWarm()
    {
        var clock = new FakeTimeProvider();
        var window = new LatencyWindow(100, TimeSpan.FromSeconds(30), clock);
        Assert.False(window.Warm);
        var startedWarm = window.Warm;

        // The first wave, all started on a cold path: 150-260 ms in the whole-app test, none of them the node's speed.
        foreach (var ms in new[] { 150.0, 180, 260, 250 })
        {
            window.Record(ms, startedWarm);
        }

        Assert.True(window.Warm);
        Assert.Equal(4, window.ColdCalls);
        Assert.Equal(0, window.P95());

        window.Record(5, window.Warm);
        clock.Advance(LatencyWindow.Refresh);
        Assert.Equal(5, window.P95());
    }

    [Fact]
    public void Reset_ForgetsTheSamples_AndStartsCold()
    {
        var clock = new FakeTimeProvider();
        var window = new LatencyWindow(100, TimeSpan.FromSeconds(30), clock);
        for (var i = 0; i < 20; i++)
        {
            window.Add(400);
        }

        Assert.Equal(400, window.P95());

        window.Reset();

        Assert.False(window.Warm);
        Assert.Equal(0, window.P95());
        window.Record(300, window.Warm);
        window.Record(7, window.Warm);
        clock.Advance(LatencyWindow.Refresh);
        Assert.Equal(7, window.P95());
        Assert.Equal(1, window.ColdCalls);
    }
}

using HybridInference.Router.Links;
using HybridInference.Router.Tests.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Links;

/// <summary>The site-to-cloud link state, judged from cloud calls, on a fake clock.</summary>
public class CloudLinkTests
{
    private readonly FakeTimeProvider _time = new(RoutingTestOptions.Now);
    private readonly ListLogger _logs = new();

    private CloudLink Link(int downAfter = 3, bool breaker = true) =>
        new(Options.Create(new CloudLinkOptions { DownAfterFailures = downAfter, DownWhenBreakerOpens = breaker }), _time, new LoggerFactory([_logs]).CreateLogger<CloudLink>());

    [Fact]
    public void ConsecutiveFailures_MakeTheLinkDown_AtTheConfiguredCount()
    {
        var link = Link(downAfter: 3);

        link.Failed("connection refused");
        link.Failed("connection refused");
        var beforeThird = link.IsDown;
        link.Failed("connection refused");

        Assert.False(beforeThird);
        Assert.True(link.IsDown);
        Assert.Equal(RoutingTestOptions.Now, link.Down!.Since);
        Assert.Contains("3 consecutive cloud calls without an answer, the last: connection refused", link.Down.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASuccessInBetween_StartsTheCountAgain()
    {
        var link = Link(downAfter: 3);

        link.Failed("x");
        link.Failed("x");
        link.Succeeded("a cloud call was answered");
        link.Failed("x");
        link.Failed("x");

        Assert.False(link.IsDown);
    }

    [Fact]
    public void Success_BringsTheLinkUp_AndDownAndUpAreLoggedOnceEach()
    {
        var link = Link(downAfter: 1);

        link.Failed("reset");
        link.Failed("reset");
        _time.Advance(TimeSpan.FromSeconds(7));
        link.Succeeded("probe answered HTTP 200");
        link.Succeeded("a cloud call was answered");

        Assert.False(link.IsDown);
        Assert.Null(link.Down);
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Cloud link down", StringComparison.Ordinal));
        Assert.Single(_logs.Entries, e => e.Message.StartsWith("Cloud link up again (probe answered HTTP 200)", StringComparison.Ordinal));
    }

    [Fact]
    public void BreakerOpening_MakesTheLinkDown_UnlessSwitchedOff()
    {
        var link = Link();
        var ignoring = Link(breaker: false);

        link.BreakerOpened();
        ignoring.BreakerOpened();

        Assert.True(link.IsDown);
        Assert.Equal("the cloud circuit breaker opened", link.Down!.Reason);
        Assert.False(ignoring.IsDown);
    }

    [Fact]
    public void CountZero_NeverDownByCount()
    {
        var link = Link(downAfter: 0);

        for (var i = 0; i < 100; i++)
        {
            link.Failed("x");
        }

        Assert.False(link.IsDown);
    }

    [Theory]
    [InlineData(-1, true, 2, 1000, "Links:Cloud:DownAfterFailures must be between 0 and 1000 (was -1)")]
    [InlineData(0, false, 2, 1000, "the link could never be found down")]
    [InlineData(3, true, 0, 1000, "Links:Cloud:ProbeSeconds must be between 0.1 and 300 (was 0)")]
    [InlineData(3, true, double.NaN, 1000, "Links:Cloud:ProbeSeconds must be between 0.1 and 300 (was NaN)")]
    [InlineData(3, true, 2, 1, "Links:Cloud:ProbeTimeoutMs must be between 10 and 60000 (was 1)")]
    public void BadSetting_IsNamed(int downAfter, bool breaker, double probeSeconds, int probeTimeoutMs, string expected)
    {
        var result = new CloudLinkOptionsValidator().Validate(null, new CloudLinkOptions
        {
            DownAfterFailures = downAfter,
            DownWhenBreakerOpens = breaker,
            ProbeSeconds = probeSeconds,
            ProbeTimeoutMs = probeTimeoutMs,
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new CloudLinkOptionsValidator().Validate(null, new CloudLinkOptions()).Succeeded);
    }
}

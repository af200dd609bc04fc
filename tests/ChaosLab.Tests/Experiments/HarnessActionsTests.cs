using HybridInference.ChaosLab.Experiments;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class HarnessActionsTests
{
    private static readonly Experiment.ScheduledAction Kill = new("kill-edge-2", TimeSpan.FromSeconds(5), "kill", "edge-2", null, null);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnnouncedAction_IsPending_UntilConfirmed_WithTheHarnessTimeAndDetail()
    {
        var actions = new HarnessActions(_time);
        var done = actions.Announce("r-1", Kill);
        Assert.Equal([Kill], actions.PendingFor("r-1"));
        Assert.Empty(actions.PendingFor("r-2"));

        _time.Advance(TimeSpan.FromSeconds(2));
        var performed = _time.GetUtcNow().AddSeconds(-1);
        Assert.Equal(HarnessActions.Outcome.Confirmed, actions.Confirm("r-1", "kill-edge-2", performed, "killed pid 42"));

        Assert.Equal((performed, "killed pid 42"), await done);
        Assert.Empty(actions.PendingFor("r-1"));
        Assert.Equal(HarnessActions.Outcome.NotPending, actions.Confirm("r-1", "kill-edge-2", null, null));
    }

    [Fact]
    public async Task ConfirmationWithoutATime_IsNow_AndWithoutDetail_IsDone()
    {
        var actions = new HarnessActions(_time);
        var done = actions.Announce("r-1", Kill);

        Assert.Equal(HarnessActions.Outcome.Confirmed, actions.Confirm("r-1", "kill-edge-2", null, " "));

        Assert.Equal((_time.GetUtcNow(), "done"), await done);
    }

    [Fact]
    public void PerformedBeforeTheAnnouncementOrInTheFuture_IsRefused_AndStaysPending()
    {
        var actions = new HarnessActions(_time);
        var done = actions.Announce("r-1", Kill);

        Assert.Equal(HarnessActions.Outcome.PerformedOutsideWindow, actions.Confirm("r-1", "kill-edge-2", _time.GetUtcNow().AddSeconds(-5), null));
        Assert.Equal(HarnessActions.Outcome.PerformedOutsideWindow, actions.Confirm("r-1", "kill-edge-2", _time.GetUtcNow().AddSeconds(5), null));

        Assert.False(done.IsCompleted);
        Assert.Equal([Kill], actions.PendingFor("r-1"));
    }

    [Fact]
    public async Task RolloutStart_IsConfirmedOnlyWithTheRolloutsId_AndStaysPendingUntilThen()
    {
        var actions = new HarnessActions(_time);
        var done = actions.Announce("r-1", new Experiment.ScheduledAction("start-rollout", TimeSpan.FromSeconds(3), "rollout-start", null, "fashion-edge", null));

        Assert.Equal(HarnessActions.Outcome.RolloutIdRequired, actions.Confirm("r-1", "start-rollout", null, null));
        Assert.Equal(HarnessActions.Outcome.RolloutIdRequired, actions.Confirm("r-1", "start-rollout", null, "started"));
        Assert.Equal(HarnessActions.Outcome.RolloutIdRequired, actions.Confirm("r-1", "start-rollout", null, "fashion-edge-20261128120000-2F3F8F"));
        Assert.Equal(HarnessActions.Outcome.RolloutIdRequired, actions.Confirm("r-1", "start-rollout", null, "../api/faults"));
        Assert.False(done.IsCompleted);

        Assert.Equal(HarnessActions.Outcome.Confirmed, actions.Confirm("r-1", "start-rollout", null, "fashion-edge-20261128120000-2f3f8f"));
        Assert.Equal("fashion-edge-20261128120000-2f3f8f", (await done).Detail);
    }

    [Fact]
    public void UnknownOrWithdrawnAction_IsNotPending()
    {
        var actions = new HarnessActions(_time);
        _ = actions.Announce("r-1", Kill);
        actions.Withdraw("r-1", "kill-edge-2");

        Assert.Equal(HarnessActions.Outcome.NotPending, actions.Confirm("r-1", "kill-edge-2", null, null));
        Assert.Equal(HarnessActions.Outcome.NotPending, actions.Confirm("r-1", "other", null, null));
    }
}

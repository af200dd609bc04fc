using HybridInference.ChaosLab.Experiments;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class RunReportTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<ExperimentReport> _published = [];

    [Fact]
    public void Log_PublishesTheRunningReport_WithItsTimeline_AndNoSamplesYet()
    {
        var run = Runs.Start(_time, _published);
        run.Samples.Enqueue(Runs.Sample(0, 0, 200));

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        run.Log("started", "4 requests");

        var report = Assert.Single(_published);
        Assert.Equal((RunStatus.Running, "x1", "a test"), (report.Status, report.Experiment, report.Description));
        Assert.Equal([new TimelineEvent(1500, "started", "4 requests")], report.Timeline);
        Assert.Empty(report.Samples);
        Assert.Null(report.EndedAt);
    }

    [Fact]
    public void Finish_AddsTheVerdict_TheEnd_AndEverySampleInTimeOrder()
    {
        var run = Runs.Start(_time, _published);
        run.Samples.Enqueue(Runs.Sample(1, 200, 200));
        run.Samples.Enqueue(Runs.Sample(0, 100, 503));
        _time.Advance(TimeSpan.FromSeconds(2));

        var report = run.Finish(RunStatus.Failed, null, SampleMeasurements.From(run.Samples.ToList()), [new CheckResult("unanswered", "<= 0", "1", false)]);

        Assert.Same(report, _published[^1]);
        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.Equal(_time.GetUtcNow(), report.EndedAt);
        Assert.Equal(["r-1-0", "r-1-1"], report.Samples.Select(s => s.Id));
        Assert.Equal(new TimelineEvent(2000, "finished", "failed"), report.Timeline[^1]);
        Assert.Equal(1, report.Measured!.Unanswered);
    }

    [Fact]
    public void WithEvents_AddsTheRoutersEvents_AndTheRolloutsChangesInTimeOrder()
    {
        var run = Runs.Start(_time, _published);
        run.RouterEvents.Enqueue(new RouterEvent(300, "edge-2", "out-of-rotation", "taken out"));
        var rollouts = new Dictionary<string, RolloutTrace>
        {
            ["a"] = new("ro-a", true, "fashion-edge", 3, new HashSet<string>(), [new RolloutChange(900, "ro-a", "rolled-back", 0, [], "")]),
            ["b"] = new("ro-b", true, "fashion-edge", 4, new HashSet<string>(), [new RolloutChange(400, "ro-b", "progressing", 25, ["edge-1"], "")]),
        };

        var measured = RunReport.WithEvents(new Measurements { Sent = 2 }, run, rollouts);

        Assert.Equal(2, measured.Sent);
        Assert.Equal("edge-2", Assert.Single(measured.RouterEvents).Node);
        Assert.Equal([400.0, 900.0], measured.RolloutEvents.Select(c => c.AtMs));
    }
}

using HybridInference.ChaosLab.Experiments;
using HybridInference.Contracts.Statistics;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class SteadyStateChecksTests
{
    [Fact]
    public void Percentile_IsNearestRank()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(99, Percentile.OfSortedOrNull(hundred, 0.99));
        Assert.Equal(50, Percentile.OfSortedOrNull(hundred, 0.50));
        Assert.Equal(100, Percentile.OfSortedOrNull(hundred, 1));
        // 10 values: rank ceil(9.9) = 10, the largest.
        Assert.Equal(10, Percentile.OfSortedOrNull(hundred[..10], 0.99));
        Assert.Equal(7, Percentile.OfSortedOrNull([7.0], 0.01));
        Assert.Null(Percentile.OfSortedOrNull([], 0.99));
    }

    [Fact]
    public void Measurements_CountAnswersTiersAndAccuracy()
    {
        RequestSample[] samples =
        [
            new("a", 0, 10, 200, 3, 3, "edge", null, "edge-1"),
            new("b", 1, 30, 200, 4, 5, "cloud", "low-confidence", "edge-2"),
            new("c", 2, 20, 200, 1, 1, "edge-degraded", "low-confidence", "edge-1"),
            new("d", 3, 2000, 503, 2, Error: "no tier"),
            new("e", 4, 10000, 0, 2, Error: "no answer within 10000 ms"),
        ];

        var m = SampleMeasurements.From(samples);

        Assert.Equal((5, 3, 2), (m.Sent, m.Answered, m.Unanswered));
        Assert.Equal(0.4, m.ErrorRate, 12);
        // Latency percentiles are of answered requests only: a timeout has no answer time.
        Assert.Equal((20.0, 30.0, 30.0), (m.P50Ms!.Value, m.P99Ms!.Value, m.MaxMs!.Value));
        Assert.Equal(2.0 / 3, m.Accuracy!.Value, 12);
        Assert.Equal(new Dictionary<string, int> { ["cloud"] = 1, ["edge"] = 1, ["edge-degraded"] = 1 }, m.Tiers);
        Assert.Equal(new Dictionary<string, int> { ["edge-1"] = 2, ["edge-2"] = 1 }, m.EdgeNodes);
    }

    [Fact]
    public void Checks_PassAndFailOnTheirLimits()
    {
        var checks = new Experiment.SteadyState(MaxUnanswered: 0, P99Ms: 100, AllRecorded: true, RecordsWait: TimeSpan.Zero, new Experiment.AccuracyCheck(0.90, 2));
        var good = new Measurements { Sent = 100, Answered = 100, P99Ms = 99.9, Accuracy = 0.88, RecordsChecked = 100, RecordsMissing = 0 };

        Assert.All(SteadyStateChecks.Evaluate(checks, good), c => Assert.True(c.Passed, c.ToString()));

        var bad = new Measurements { Sent = 100, Answered = 99, Unanswered = 1, P99Ms = 100, Accuracy = 0.8799, RecordsChecked = 99, RecordsMissing = 1 };
        var results = SteadyStateChecks.Evaluate(checks, bad).ToDictionary(c => c.Check);

        Assert.Equal(["unanswered", "p99", "records", "accuracy"], results.Keys.ToArray());
        Assert.All(results.Values, c => Assert.False(c.Passed, c.ToString()));
        Assert.Equal("1 of 100", results["unanswered"].Measured);
        Assert.Equal("100 ms", results["p99"].Measured);
        Assert.Equal("98 of 99 present", results["records"].Measured);
        Assert.Equal("87.99 %", results["accuracy"].Measured);
        Assert.StartsWith(">= 88.00 %", results["accuracy"].Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_OnNothingMeasured_Fail()
    {
        var checks = new Experiment.SteadyState(null, P99Ms: 100, AllRecorded: true, TimeSpan.Zero, new Experiment.AccuracyCheck(0.9, 5));

        var results = SteadyStateChecks.Evaluate(checks, new Measurements { Sent = 10, Unanswered = 10 });

        Assert.Equal(3, results.Count);
        Assert.All(results, c => Assert.False(c.Passed, c.ToString()));
    }

    [Fact]
    public void Checks_NotDeclared_AreNotJudged()
    {
        var results = SteadyStateChecks.Evaluate(new Experiment.SteadyState(0, null, false, TimeSpan.Zero, null), new Measurements { Sent = 1, Answered = 1 });

        Assert.Equal("unanswered", Assert.Single(results).Check);
    }

    [Fact]
    public void SafetyLimit_CountsOnlyTheWindow_AndNeedsItsMinimum()
    {
        var limit = new Experiment.SafetyLimit(MaxErrorRate: 0.2, MinRequests: 10, Window: TimeSpan.FromSeconds(5));
        // 20 failures long ago, then 10 in the window of which 2 failed: 20 %, not above the limit.
        var samples = Enumerable.Range(0, 20).Select(i => new RequestSample($"old{i}", 0, 100, 503, 0))
            .Concat(Enumerable.Range(0, 8).Select(i => new RequestSample($"ok{i}", 9000, 100, 200, 0)))
            .Concat(Enumerable.Range(0, 2).Select(i => new RequestSample($"bad{i}", 9000, 100, 0, 0)))
            .ToList();

        Assert.Null(SafetyCheck.Crossed(samples, 10_000, limit));

        samples.Add(new RequestSample("bad-more", 9500, 100, 500, 0));
        var reason = SafetyCheck.Crossed(samples, 10_000, limit);
        Assert.NotNull(reason);
        Assert.Contains("3 of 11", reason, StringComparison.Ordinal);

        // Fewer than the minimum in the window: no stop whatever the rate.
        Assert.Null(SafetyCheck.Crossed(samples.Where(s => s.Id.StartsWith("bad", StringComparison.Ordinal)).ToList(), 10_000, limit));
    }
}

using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class ExpectationChecksTests
{
    private static readonly Experiment Base = new(
        "x1", "", new Experiment.TrafficPlan(10, 4, TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(10), false),
        new Experiment.SteadyState(0, null, false, TimeSpan.Zero, null), [], new Experiment.SafetyLimit(0.2, 20, TimeSpan.FromSeconds(5)));

    [Theory]
    [InlineData(6_900, true, "1.9 s after kill")]
    [InlineData(7_100, false, "2.1 s after kill")]
    public void LeavesRotation_PassesWithinItsTime_FailsAfter(double seenAt, bool passed, string measured)
    {
        var experiment = Base with { Expectations = [new("leaves-rotation", "edge-2", null, "kill", TimeSpan.FromSeconds(2))] };
        RouterEvent[] events = [new(1_000, "edge-2", "out-of-rotation", "earlier, before the step"), new(seenAt, "edge-2", "out-of-rotation", "")];

        var check = Assert.Single(ExpectationChecks.Evaluate(experiment, Steps(new StepWindow("kill", 5_000, null)), events, true, []));

        Assert.Equal(("leaves-rotation:edge-2", passed, measured), (check.Check, check.Passed, check.Measured));
    }

    [Fact]
    public void BreakerOpens_OnlyForItsNode_AndNothingSeenFails()
    {
        var experiment = Base with { Expectations = [new("breaker-opens", "edge-1", null, "errors", TimeSpan.FromSeconds(10))] };
        var steps = Steps(new StepWindow("errors", 3_000, 15_000));

        var other = ExpectationChecks.Evaluate(experiment, steps, [new(5_000, "edge-2", "breaker-open", "")], true, []).Single();
        var opened = ExpectationChecks.Evaluate(experiment, steps, [new(8_000, "edge-1", "breaker-open", "")], true, []).Single();
        var blind = ExpectationChecks.Evaluate(experiment, steps, [], false, []).Single();

        Assert.Equal((false, "not seen after errors"), (other.Passed, other.Measured));
        Assert.Equal((true, "5.0 s after errors"), (opened.Passed, opened.Measured));
        Assert.Equal((false, "the router's /admin/edges never answered"), (blind.Passed, blind.Measured));
    }

    [Fact]
    public void RuleFires_WithinItsTimeOfTheStart_AndStopsWithinItsTimeOfTheEnd()
    {
        var experiment = Base with { Expectations = [new("rule-fires", null, "hot-gpu", "hot", TimeSpan.FromSeconds(2))] };
        var steps = Steps(new StepWindow("hot", 3_000, 15_000));
        RequestSample[] good = [Sample(2_000, "low-confidence"), Sample(4_500, "rule:hot-gpu"), Sample(16_000, "rule:hot-gpu"), Sample(18_000, null)];
        RequestSample[] sticky = [.. good, Sample(17_500, "rule:hot-gpu")];
        RequestSample[] late = [Sample(5_500, "rule:hot-gpu"), Sample(18_000, null)];

        var passed = ExpectationChecks.Evaluate(experiment, steps, [], false, good).Single();
        var stuck = ExpectationChecks.Evaluate(experiment, steps, [], false, sticky).Single();
        var slow = ExpectationChecks.Evaluate(experiment, steps, [], false, late).Single();
        var never = ExpectationChecks.Evaluate(experiment, steps, [], false, [Sample(5_000, null)]).Single();

        Assert.Equal((true, "first routed by it 1.5 s after hot, 2 request(s) in all; last 1.0 s after its end"), (passed.Passed, passed.Measured));
        Assert.False(stuck.Passed);
        Assert.False(slow.Passed);
        Assert.Equal((false, "no request was routed by rule:hot-gpu after hot"), (never.Passed, never.Measured));
    }

    [Fact]
    public void AStepThatNeverHappened_FailsItsExpectation_AndAnUnconfirmedActionFails()
    {
        var experiment = Base with
        {
            Actions = [new("kill", TimeSpan.FromSeconds(5), "kill", "edge-2", null, null)],
            Expectations = [new("leaves-rotation", "edge-2", null, "kill", TimeSpan.FromSeconds(2))],
        };

        var checks = ExpectationChecks.Evaluate(experiment, Steps(), [new(6_000, "edge-2", "out-of-rotation", "")], true, []);

        Assert.Equal(
            [("action:kill", "kill edge-2 performed by the harness", "not confirmed", false), ("leaves-rotation:edge-2", "edge-2 leaves rotation within 2 s of kill", "kill never took effect", false)],
            checks.Select(c => (c.Check, c.Expected, c.Measured, c.Passed)));
    }

    [Theory]
    [InlineData(24_900, true, "rolled back 19.9 s after start; 3 answer(s) of fashion-edge:3, all from the canary (edge-3)")]
    [InlineData(25_100, false, "rolled back 20.1 s after start; 3 answer(s) of fashion-edge:3, all from the canary (edge-3)")]
    public void RolloutRollsBack_PassesWithinItsTime_FailsAfter(double rolledBackAt, bool passed, string measured)
    {
        var check = RollsBack(Trace(rolledBackAt), [Edge(6_000, "edge-3", "fashion-edge:3"), Edge(7_000, "edge-3", "fashion-edge:3"), Edge(7_500, "edge-1", "fashion-edge:1"), Edge(9_000, "edge-3", "fashion-edge:3")]);

        Assert.Equal(("rollout-rolls-back:start", passed, measured), (check.Check, check.Passed, check.Measured));
    }

    [Fact]
    public void RolloutRollsBack_FailsWhenTheControlGroupServedTheCandidate_OrNobodyDid_OrItNeverRolledBack()
    {
        var leaked = RollsBack(Trace(10_000), [Edge(6_000, "edge-3", "fashion-edge:3"), Edge(7_000, "edge-2", "fashion-edge:3")]);
        var unserved = RollsBack(Trace(10_000), [Edge(6_000, "edge-3", "fashion-edge:1")]);
        var stuck = RollsBack(Trace(null), [Edge(6_000, "edge-3", "fashion-edge:3")]);
        var blind = RollsBack(new RolloutTrace("fashion-edge-1", false, null, null, new HashSet<string>(), []), []);

        Assert.Equal((false, "rolled back 5.0 s after start; 1 of 2 answer(s) of fashion-edge:3 from the control group (edge-2; canary edge-3)"), (leaked.Passed, leaked.Measured));
        Assert.Equal((false, "rolled back 5.0 s after start; no answer of fashion-edge:3: the candidate never served the run's traffic"), (unserved.Passed, unserved.Measured));
        Assert.Equal((false, "rollout fashion-edge-1 progressing at the run's end, not rolled back; 1 answer(s) of fashion-edge:3, all from the canary (edge-3)"), (stuck.Passed, stuck.Measured));
        Assert.Equal((false, "the registry never answered for rollout 'fashion-edge-1'"), (blind.Passed, blind.Measured));
    }

    private static CheckResult RollsBack(RolloutTrace trace, RequestSample[] samples)
    {
        var experiment = Base with
        {
            Actions = [new("start", TimeSpan.FromSeconds(5), "rollout-start", null, "fashion-edge", null)],
            Expectations = [new("rollout-rolls-back", null, null, "start", TimeSpan.FromSeconds(20))],
        };
        var checks = ExpectationChecks.Evaluate(experiment, Steps(new StepWindow("start", 5_000, null, trace.RolloutId)), [], false, samples, new Dictionary<string, RolloutTrace> { ["start"] = trace });
        Assert.Equal(("action:start", true), (checks[0].Check, checks[0].Passed));
        return checks[1];
    }

    /// <summary>A rollout of fashion-edge 3 whose canary was edge-3, rolled back at <paramref name="rolledBackAt"/> (null: still progressing).</summary>
    private static RolloutTrace Trace(double? rolledBackAt)
    {
        List<RolloutChange> changes = [new(5_400, "fashion-edge-1", "progressing", 25, ["edge-3"], "")];
        if (rolledBackAt is { } at)
        {
            changes.Add(new(at, "fashion-edge-1", "rolled-back", 0, [], ""));
        }

        return new RolloutTrace("fashion-edge-1", true, "fashion-edge", 3, new HashSet<string> { "edge-3" }, changes);
    }

    private static RequestSample Edge(double at, string node, string version) => new($"s{at}", at, 20, 200, 1, 1, "edge", null, node, EdgeModelVersion: version);

    private static Dictionary<string, StepWindow> Steps(params StepWindow[] steps) => steps.ToDictionary(s => s.Id);

    private static RequestSample Sample(double at, string? reason) => new($"s{at}", at, 20, 200, 1, 1, reason is null ? "edge" : "cloud", reason);
}

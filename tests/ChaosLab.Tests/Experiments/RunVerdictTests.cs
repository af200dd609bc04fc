using HybridInference.ChaosLab.Experiments;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class RunVerdictTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(0, RunStatus.Passed)]
    [InlineData(1, RunStatus.Failed)]
    public void Judge_EveryCheckHolding_Passes_ElseFails(int unanswered, RunStatus status)
    {
        var run = Runs.Start(_time, []);

        var (checks, verdict) = RunVerdict.Judge(run, new Measurements { Sent = 10, Answered = 10 - unanswered, Unanswered = unanswered }, routerSeen: true, new Dictionary<string, RolloutTrace>());

        Assert.Equal(status, verdict);
        Assert.Equal(unanswered == 0, Assert.Single(checks, c => c.Check == "unanswered").Passed);
    }

    [Fact]
    public void Judge_SafetyStop_IsAborted_WhateverTheChecks()
    {
        var run = Runs.Start(_time, []);
        run.StopReason = "error rate above the safety limit";

        var (_, verdict) = RunVerdict.Judge(run, new Measurements { Sent = 10, Answered = 10 }, routerSeen: true, new Dictionary<string, RolloutTrace>());

        Assert.Equal(RunStatus.Aborted, verdict);
    }
}

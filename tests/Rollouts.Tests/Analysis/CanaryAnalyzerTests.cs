using HybridInference.Contracts.Rollouts;
using HybridInference.Contracts.Statistics;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;

namespace HybridInference.Rollouts.Tests.Analysis;

public class CanaryAnalyzerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TooFewSamples_IsInconclusive_NeverAPass()
    {
        var spec = new RolloutSpec { MinSamples = 100 };
        var result = CanaryAnalyzer.Analyse(spec, Group(99, 0.9), Group(500, 0.9), At, At, 0, 5);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.All(result.Metrics, m => Assert.Equal(Verdict.Inconclusive, m.Verdict));
        Assert.Contains("too few samples: canary 99", result.Metrics[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SameBehaviour_Passes_WithValuesShown()
    {
        var result = CanaryAnalyzer.Analyse(new RolloutSpec(), Group(400, 0.9), Group(1200, 0.9), At, At, 0, 5);

        Assert.Equal(Verdict.Successful, result.Verdict);
        var accuracy = result.Metrics.Single(m => m.Name == MetricNames.Accuracy);
        Assert.Equal(90, accuracy.CanaryValue!.Value, 6);
        Assert.Equal(90, accuracy.ControlValue!.Value, 6);
        Assert.Equal((400, 1200), (accuracy.CanarySamples, accuracy.ControlSamples));
    }

    [Fact]
    public void WorseAccuracy_WithEnoughData_Fails()
    {
        var result = CanaryAnalyzer.Analyse(new RolloutSpec(), Group(400, 0.6), Group(1200, 0.9), At, At, 0, 5);

        Assert.Equal(Verdict.Failed, result.Verdict);
        var accuracy = result.Metrics.Single(m => m.Name == MetricNames.Accuracy);
        Assert.Equal(Verdict.Failed, accuracy.Verdict);
        Assert.Equal(30, accuracy.Degradation!.Value, 6);
        Assert.True(accuracy.PValue < 1e-6);
    }

    [Fact]
    public void BeyondThreshold_ButNotSignificant_IsInconclusive()
    {
        // 5 points down on 50 samples each: beyond the 2-point threshold, far from significant.
        var result = CanaryAnalyzer.Analyse(new RolloutSpec { MinSamples = 50 }, Group(50, 0.84), Group(50, 0.9), At, At, 0, 5);

        var accuracy = result.Metrics.Single(m => m.Name == MetricNames.Accuracy);
        Assert.Equal(Verdict.Inconclusive, accuracy.Verdict);
        Assert.Contains("not significant yet", accuracy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SlowerCanary_FailsLatency_OnTheRatio()
    {
        var spec = new RolloutSpec { Metrics = [new(MetricNames.LatencyP95, 1.5)] };
        var result = CanaryAnalyzer.Analyse(spec, Group(200, 0.9, latency: 10), Group(200, 0.9, latency: 4), At, At, 0, 5);

        var latency = Assert.Single(result.Metrics);
        Assert.Equal(Verdict.Failed, latency.Verdict);
        Assert.True(latency.Degradation > 2);
    }

    [Fact]
    public void LatencyP95_IsTheNearestRank_NotAnInterpolation()
    {
        // 1..60 ms in reverse order: rank ceil(0.95 * 60) = 57 is 57 ms (interpolating would give 57.05);
        // the control's 10..600 ms in steps of 10 gives 570 ms.
        var canary = Group(60, 0.9);
        var control = Group(60, 0.9);
        canary.LatenciesMs.Clear();
        control.LatenciesMs.Clear();
        canary.LatenciesMs.AddRange(Enumerable.Range(1, 60).Reverse().Select(i => (double)i));
        control.LatenciesMs.AddRange(Enumerable.Range(1, 60).Select(i => i * 10.0));
        var spec = new RolloutSpec { Metrics = [new(MetricNames.LatencyP95, 1.5)] };

        var latency = Assert.Single(CanaryAnalyzer.Analyse(spec, canary, control, At, At, 0, 5).Metrics);

        Assert.Equal(Percentile.Of(canary.LatenciesMs, 0.95), latency.CanaryValue);
        Assert.Equal(57, latency.CanaryValue);
        Assert.Equal(570, latency.ControlValue);
        Assert.Equal(0.1, latency.Degradation!.Value, 12);
    }

    [Fact]
    public void LessConfidentCanary_FailsMeanConfidence()
    {
        var spec = new RolloutSpec { Metrics = [new(MetricNames.MeanConfidence, 5)] };
        var result = CanaryAnalyzer.Analyse(spec, Group(200, 0.9, confidence: 0.6), Group(200, 0.9, confidence: 0.9), At, At, 0, 5);

        Assert.Equal(Verdict.Failed, Assert.Single(result.Metrics).Verdict);
    }

    [Fact]
    public void MoreErrors_FailErrorRate()
    {
        var canary = Group(300, 0.9);
        canary.Requests += 60;
        canary.Errors += 60;
        var spec = new RolloutSpec { Metrics = [new(MetricNames.ErrorRate, 1)] };

        Assert.Equal(Verdict.Failed, CanaryAnalyzer.Analyse(spec, canary, Group(300, 0.9), At, At, 0, 5).Verdict);
    }

    private static GroupSamples Group(int n, double accuracy, double confidence = 0.9, double latency = 2)
    {
        var group = new GroupSamples { Requests = n, Labelled = n, Correct = (long)Math.Round(n * accuracy), Escalated = n / 10 };
        for (var i = 0; i < n; i++)
        {
            group.Confidences.Add(confidence + (0.001 * (i % 10)));
            group.LatenciesMs.Add(latency + (0.01 * (i % 20)));
        }

        return group;
    }
}

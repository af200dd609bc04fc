using System.Diagnostics.Metrics;
using HybridInference.Contracts.Statistics;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Telemetry;
using HybridInference.Contracts.Predictions;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// The three places that report or judge a p95 from the same requests agree: an edge node's telemetry window
/// (what the fleet view shows), the prediction log's summary and the rollout gate's <c>latency_p95</c>. This
/// project references all three (EdgeInference, and Rollouts with PredictionLog through the registry).
/// </summary>
public sealed class PercentileAgreementTests
{
    // 40 latencies in no order, with ties: the nearest rank ceil(0.95 * 40) = 38 is 61 ms, where interpolating
    // between the 38th and 39th (61 and 75.5 ms) would give 61.725.
    private static readonly double[] Samples =
    [
        12, 3.5, 8, 8, 40, 2, 9.5, 61, 14, 14, 5, 7, 75.5, 6, 11, 3, 22, 8, 19, 4,
        13, 90, 2.5, 10, 17, 9, 16, 31, 12, 6.5, 15, 18, 4.5, 20, 27, 7.5, 21, 25, 33, 11.5,
    ];

    private static readonly DateTimeOffset At = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SameSamples_TelemetrySummaryAndRolloutGate_ReportTheSameP95()
    {
        var expected = Percentile.Of(Samples, 0.95);
        Assert.Equal(61, expected);

        Assert.Equal(expected, TelemetryP95(Samples), 3);
        Assert.Equal(expected, LatencySummary.Of(Samples).P95);
        Assert.Equal(expected, GateP95(Samples));
    }

    [Fact]
    public void SameSamples_TelemetryAndSummary_AgreeOnP50AndP99Too()
    {
        var summary = LatencySummary.Of(Samples);
        var window = Window(Samples);

        Assert.Equal(Percentile.Of(Samples, 0.50), summary.P50);
        Assert.Equal(Percentile.Of(Samples, 0.99), summary.P99);
        Assert.Equal(summary.P50, window.P50Ms, 3);
        Assert.Equal(summary.P99, window.P99Ms, 3);
    }

    /// <summary>Through the node's own measurement path: the inference metrics the collector listens to.</summary>
    private static TelemetryWindow Window(IEnumerable<double> latenciesMs)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new InferenceMetrics(services.GetRequiredService<IMeterFactory>());
        using var telemetry = new TelemetryCollector(metrics);
        foreach (var ms in latenciesMs)
        {
            metrics.RecordRequest("fashion", "1", "http", "ok", TimeSpan.FromMilliseconds(ms));
        }

        return telemetry.TakeWindow();
    }

    private static double TelemetryP95(IEnumerable<double> latenciesMs) => Window(latenciesMs).P95Ms;

    /// <summary>The canary's p95 as the gate's latency check computes it (both groups the same, so the check passes).</summary>
    private static double GateP95(IEnumerable<double> latenciesMs)
    {
        var spec = new RolloutSpec { MinSamples = 10, Metrics = [new(MetricNames.LatencyP95, 1.5)] };
        var canary = new GroupSamples();
        var control = new GroupSamples();
        canary.LatenciesMs.AddRange(latenciesMs);
        control.LatenciesMs.AddRange(latenciesMs);

        var latency = Assert.Single(CanaryAnalyzer.Analyse(spec, canary, control, At, At, 0, 5).Metrics);
        Assert.Equal(Verdict.Successful, latency.Verdict);
        return latency.CanaryValue!.Value;
    }
}

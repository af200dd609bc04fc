using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;

namespace HybridInference.Rollouts.Tests.Analysis;

/// <summary>A cloud rollout's canary and control are split by the cloud version the router recorded, whatever the device.</summary>
public class CloudSampleCollectorTests
{
    [Fact]
    public void SplitCloud_ByAnsweringCloudVersion_IgnoringDevicesAndUnansweredCalls()
    {
        PredictionRecord[] records =
        [
            Cloud("2", label: 3, cloudClass: 3, latency: 40),
            Cloud("2", label: 3, cloudClass: 4, latency: 45, reason: "priority"),
            Cloud("2", label: null, cloudClass: 7, latency: 50, reason: "audit", tier: "edge"),
            Cloud("1", label: 5, cloudClass: 5, latency: 20),
            Cloud("1", label: 5, cloudClass: 5, latency: 22, device: "edge-4"),
            Cloud(null, label: 5, cloudClass: null, latency: null, tier: "edge-degraded"),   // the cloud call failed: no version, no group
            Cloud("3", label: 1, cloudClass: 1, latency: 30),                              // neither candidate nor stable
            Cloud("2", label: 1, cloudClass: 1, latency: 30, model: "other"),             // another route
            Edge(),                                                                         // answered on the edge, cloud never asked
        ];

        var (canary, control) = SampleCollector.SplitCloud(records, "fashion-cloud", candidate: 2, stable: 1);

        Assert.Equal((3L, 2L, 1L, 0L, 0L), (canary.Requests, canary.Labelled, canary.Correct, canary.Errors, canary.Escalated));
        Assert.Equal((2L, 2L, 2L), (control.Requests, control.Labelled, control.Correct));
        Assert.Equal([0.8, 0.8, 0.8], canary.Confidences);
        Assert.Equal([40.0, 45, 50], canary.LatenciesMs);
        Assert.Equal([20.0, 22], control.LatenciesMs);
    }

    [Theory]
    [InlineData("fashion", "fashion-cloud", true)]
    [InlineData("fashion-cloud", "fashion-cloud", true)]
    [InlineData("fashion", "fashion-edge", false)]
    [InlineData("other", "fashion-cloud", false)]
    public void Records_BelongToTheRoutesCloudModel(string route, string model, bool expected) =>
        Assert.Equal(expected, SampleCollector.AsksCloud(Cloud("1", 1, 1, 1, model: route), model));

    private static PredictionRecord Cloud(string? version, int? label, int? cloudClass, double? latency, string reason = "low-confidence", string tier = "cloud", string model = "fashion", string device = "edge-1") => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UnixEpoch,
        Model = model,
        Tier = tier,
        Device = device,
        EdgeVersion = "1",
        EdgeClass = 0,
        EdgeConfidence = 0.5,
        CloudVersion = version,
        CloudClass = cloudClass,
        CloudConfidence = cloudClass is null ? null : 0.8,
        CloudLatencyMs = latency,
        EscalationReason = reason,
        TotalLatencyMs = 60,
        Label = label,
    };

    private static PredictionRecord Edge() => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UnixEpoch,
        Model = "fashion",
        Tier = "edge",
        Device = "edge-1",
        EdgeVersion = "1",
        EdgeClass = 2,
        EdgeConfidence = 0.99,
        TotalLatencyMs = 3,
        Label = 2,
    };
}

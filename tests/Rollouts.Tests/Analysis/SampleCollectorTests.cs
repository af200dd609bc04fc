using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;

namespace HybridInference.Rollouts.Tests.Analysis;

public class SampleCollectorTests
{
    [Fact]
    public void Splits_ByDeviceAndVersion_CountingErrorsByDevice()
    {
        PredictionRecord[] records =
        [
            Record("edge-1", "2", label: 3, edgeClass: 3),
            Record("edge-1", "2", label: 3, edgeClass: 4, reason: "low-confidence"),
            Record("edge-1", "1", label: 3, edgeClass: 3),             // mid-swap: still the stable version
            Record("edge-1", null, label: 3, edgeClass: null),         // the edge failed
            Record("edge-2", "1", label: 5, edgeClass: 5),
            Record("edge-2", "2", label: 5, edgeClass: 5),             // a control device never counts the candidate
            Record("edge-3", "1", label: null, edgeClass: 7),
            Record("edge-3", "1", label: 1, edgeClass: 1, model: "other"),
            Record(null, null, label: 1, edgeClass: null),             // priority request: no edge asked
        ];

        var (canary, control) = SampleCollector.Split(records, "fashion-edge", candidate: 2, stable: 1, new HashSet<string> { "edge-1" });

        Assert.Equal((3L, 1L, 2L, 1L, 1L), (canary.Requests, canary.Errors, canary.Labelled, canary.Correct, canary.Escalated));
        Assert.Equal((2L, 0L, 1L, 1L, 0L), (control.Requests, control.Errors, control.Labelled, control.Correct, control.Escalated));
        Assert.Equal(2, canary.Confidences.Count);
        Assert.Equal(2, control.LatenciesMs.Count);
    }

    [Theory]
    [InlineData("fashion", "fashion-edge", true)]
    [InlineData("fashion-edge", "fashion-edge", true)]
    [InlineData("fashion", "fashion-cloud", false)]
    [InlineData("other", "fashion-edge", false)]
    public void Records_BelongToTheRoutesEdgeModel(string route, string model, bool expected) =>
        Assert.Equal(expected, SampleCollector.IsOf(Record("edge-1", "1", 1, 1, model: route), model));

    private static PredictionRecord Record(string? device, string? version, int? label, int? edgeClass, string? reason = null, string model = "fashion") => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UnixEpoch,
        Model = model,
        Tier = edgeClass is null ? "cloud" : "edge",
        Device = device,
        EdgeVersion = version,
        EdgeClass = edgeClass,
        EdgeConfidence = edgeClass is null ? null : 0.9,
        EdgeLatencyMs = edgeClass is null ? null : 2,
        EscalationReason = reason,
        TotalLatencyMs = 3,
        Label = label,
    };
}

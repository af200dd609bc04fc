using HybridInference.Contracts.Predictions;

namespace HybridInference.PredictionLog.Tests;

public class PredictionSummaryTests
{
    [Fact]
    public void Of_CountsTiersReasonsAccuracyAndLatency()
    {
        PredictionRecord[] records =
        [
            Records.Edge("a", Records.T0, answered: 1, label: 1, latency: 1),
            Records.Edge("b", Records.T0, answered: 2, label: 3, latency: 3),
            Records.Edge("c", Records.T0, answered: 5, latency: 2),
            Records.Cloud("d", Records.T0, edgeClass: 6, cloudClass: 0, label: 0, latency: 40),
            Records.Cloud("e", Records.T0, edgeClass: 4, cloudClass: 4, label: 2, reason: "priority", latency: 50),
        ];

        var summary = PredictionSummary.Of(records, Records.T0, Records.T0.AddMinutes(1));

        Assert.Equal(5, summary.Requests);
        Assert.Equal(new Dictionary<string, int> { ["cloud"] = 2, ["edge"] = 3 }, summary.PerTier);
        Assert.Equal(new Dictionary<string, int> { ["low-confidence"] = 1, ["priority"] = 1 }, summary.EscalationReasons);
        Assert.Equal(0.4, summary.EscalationRate, 9);
        Assert.Equal(4, summary.Labelled);
        Assert.Equal(0.5, summary.Accuracy);
        Assert.Equal(0.5, summary.AccuracyPerTier["edge"]);
        Assert.Equal(0.5, summary.AccuracyPerTier["cloud"]);
        Assert.Equal(new LatencySummary(3, 2, 3, 3, 3), summary.LatencyPerTier["edge"]);
        Assert.Equal(50, summary.LatencyPerTier["cloud"].P99);
    }

    [Fact]
    public void Of_NoRecords_HasNoAccuracy()
    {
        var summary = PredictionSummary.Of([], Records.T0, Records.T0);

        Assert.Equal(0, summary.Requests);
        Assert.Null(summary.Accuracy);
        Assert.Equal(0, summary.EscalationRate);
    }

    [Fact]
    public void LatencySummary_NearestRankPercentiles()
    {
        var latency = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(new LatencySummary(100, 50, 95, 99, 100), latency);
    }
}

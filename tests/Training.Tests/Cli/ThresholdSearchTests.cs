using HybridInference.Training.Cli;
using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Tests.Cli;

public class ThresholdSearchTests
{
    // The fixture of CascadeAnalysisTests: edge 60 %, cloud 90 %; escalating images 0,1 gives 80 %, adding 3 gives 90 %.
    private static readonly float[] Confidence = [0.30f, 0.40f, 0.50f, 0.60f, 0.70f, 0.80f, 0.90f, 0.95f, 0.97f, 0.99f];
    private static readonly bool[] EdgeCorrect = [false, false, true, false, true, true, true, true, true, false];
    private static readonly bool[] CloudCorrect = [true, true, true, true, false, true, true, true, true, true];

    private static CascadeAnalysis Analysis => new(Confidence, EdgeCorrect, CloudCorrect);

    [Theory]
    [InlineData(0.0, 0.30f, 0.0)]
    [InlineData(0.1, 0.40f, 0.1)]
    [InlineData(0.4, 0.70f, 0.4)]
    [InlineData(0.45, 0.70f, 0.4)]
    [InlineData(0.9, 0.99f, 0.9)]
    public void ForEscalationBudget_Budget_HighestThresholdWithinIt(double budget, float threshold, double share)
    {
        var row = ThresholdSearch.ForEscalationBudget(Analysis, budget);

        Assert.Equal(threshold, (float)row.Threshold);
        Assert.Equal(share, row.EscalatedShare, 10);
    }

    [Fact]
    public void ForEscalationBudget_WholeBudget_CapsThresholdAtOne()
    {
        var row = ThresholdSearch.ForEscalationBudget(Analysis, 1.0);

        Assert.Equal(1.0, row.Threshold);
        Assert.Equal(1.0, row.EscalatedShare, 10);
    }

    [Fact]
    public void ForEscalationBudget_TiedConfidences_NeverSplitsATie()
    {
        var analysis = new CascadeAnalysis([0.5f, 0.5f, 0.9f], [false, true, true], [true, true, true]);

        Assert.Equal(0.0, ThresholdSearch.ForEscalationBudget(analysis, 0.5).EscalatedShare, 10);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ForEscalationBudget_OutsideZeroOne_Throws(double budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSearch.ForEscalationBudget(Analysis, budget));

    [Theory]
    [InlineData(0.0, 0.4, 0.9)]
    [InlineData(10.0, 0.2, 0.8)]
    [InlineData(9.99, 0.4, 0.9)]
    [InlineData(30.0, 0.0, 0.6)]
    [InlineData(100.0, 0.0, 0.6)]
    public void ForAccuracyLoss_Points_CheapestThresholdWithinThem(double points, double share, double accuracy)
    {
        var row = ThresholdSearch.ForAccuracyLoss(Analysis, points);

        Assert.Equal(share, row.EscalatedShare, 10);
        Assert.Equal(accuracy, row.Accuracy, 10);
    }

    [Fact]
    public void ForAccuracyLoss_CloudNoBetter_EscalatesNothing()
    {
        var analysis = new CascadeAnalysis([0.5f, 0.6f], [true, true], [false, true]);

        Assert.Equal(0.0, ThresholdSearch.ForAccuracyLoss(analysis, 0).EscalatedShare, 10);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void ForAccuracyLoss_OutsideRange_Throws(double points) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSearch.ForAccuracyLoss(Analysis, points));
}

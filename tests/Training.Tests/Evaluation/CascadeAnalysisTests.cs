using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Tests.Evaluation;

public class CascadeAnalysisTests
{
    // Ten images: the edge gets 6 right (60 %), the cloud 9 (90 %): a 30-point gap.
    // Edge mistakes sit at low confidence except image 9, a confident mistake the cloud also gets right.
    private static readonly float[] Confidence = [0.30f, 0.40f, 0.50f, 0.60f, 0.70f, 0.80f, 0.90f, 0.95f, 0.97f, 0.99f];
    private static readonly bool[] EdgeCorrect = [false, false, true, false, true, true, true, true, true, false];
    private static readonly bool[] CloudCorrect = [true, true, true, true, false, true, true, true, true, true];

    private static CascadeAnalysis Analysis => new(Confidence, EdgeCorrect, CloudCorrect);

    [Fact]
    public void Accuracies_OfEachModelAlone()
    {
        Assert.Equal(0.6, Analysis.EdgeAccuracy, 10);
        Assert.Equal(0.9, Analysis.CloudAccuracy, 10);
    }

    [Fact]
    public void At_Threshold_EscalatesBelowIt()
    {
        // t = 0.65 escalates images 0..3: all four right on the cloud, the rest as the edge answers (5 of 6).
        var row = Analysis.At(0.65);

        Assert.Equal(0.4, row.EscalatedShare, 10);
        Assert.Equal(0.9, row.Accuracy, 10);
        Assert.Equal(1.0, row.GapRecovered, 10);
    }

    [Fact]
    public void At_ThresholdEqualToConfidence_KeepsOnEdge() => Assert.Equal(0.2, Analysis.At(0.5).EscalatedShare, 10);

    [Fact]
    public void GapRecovered_IsShareOfGap()
    {
        Assert.Equal(0.0, Analysis.GapRecovered(0.6), 10);
        Assert.Equal(0.5, Analysis.GapRecovered(0.75), 10);
    }

    [Fact]
    public void SmallestEscalationFor_FindsCheapestCut()
    {
        // Escalating 0,1 gives 80 % (PGR 2/3); adding 2 changes nothing; adding 3 gives 90 % (PGR 1).
        var best = Analysis.SmallestEscalationFor(0.9);

        Assert.NotNull(best);
        Assert.Equal(0.4, best.EscalatedShare, 10);
        Assert.Equal(0.70f, (float)best.Threshold);
        Assert.Equal(1.0, best.GapRecovered, 10);
    }

    [Fact]
    public void SmallestEscalationFor_LowTarget_EscalatesLess() =>
        Assert.Equal(0.2, Analysis.SmallestEscalationFor(0.6)!.EscalatedShare, 10);

    [Fact]
    public void SmallestEscalationFor_ZeroTarget_EscalatesNothing() =>
        Assert.Equal(0.0, Analysis.SmallestEscalationFor(0.0)!.EscalatedShare, 10);

    [Fact]
    public void SmallestEscalationFor_TiedConfidences_NeverSplitsATie()
    {
        // Both images share one confidence: a threshold can escalate both or neither.
        var analysis = new CascadeAnalysis([0.5f, 0.5f, 0.9f], [false, true, true], [true, true, true]);

        Assert.Equal(2 / 3.0, analysis.SmallestEscalationFor(1.0)!.EscalatedShare, 10);
    }

    [Fact]
    public void SmallestEscalationFor_Unreachable_ReturnsNull()
    {
        // The cloud is worse than the edge on every image: no cut reaches a positive target.
        var analysis = new CascadeAnalysis([0.5f, 0.6f], [true, true], [false, true]);

        Assert.Null(analysis.SmallestEscalationFor(0.5));
    }

    [Fact]
    public void Subset_KeepsSelectedImagesOnly()
    {
        // Even-numbered images: edge right on 2, 4, 6, 8, cloud on 0, 2, 6, 8; edge wrong only on image 0.
        var even = Analysis.Subset(i => i % 2 == 0);

        Assert.Equal(5, even.Count);
        Assert.Equal(0.8, even.EdgeAccuracy, 10);
        Assert.Equal(0.8, even.CloudAccuracy, 10);
        Assert.Equal(0.2, even.At(0.35).EscalatedShare, 10);
    }

    [Fact]
    public void Constructor_MismatchedLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => new CascadeAnalysis([0.5f], [true, false], [true]));
}

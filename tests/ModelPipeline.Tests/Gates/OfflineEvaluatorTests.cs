using HybridInference.ModelPipeline.Gates;
using HybridInference.Training.Candidates;

namespace HybridInference.ModelPipeline.Tests.Gates;

public class OfflineEvaluatorTests
{
    private static readonly byte[] Edge = PipelineData.CommittedModel("fashion-edge");

    [Fact]
    public void Evaluate_ChampionAgainstItself_PassesWithZeroDrop()
    {
        var report = OfflineEvaluator.Evaluate(Edge, Edge, 1, PipelineData.Holdout, new GateOptions());

        Assert.True(report.Passed, string.Join("\n", report.Lines()));
        Assert.Contains("(+0.00 points)", report.Checks[0].Measured);
    }

    [Fact]
    public void Evaluate_CloudModelAgainstEdgeChampion_PassesAndShowsTheGain()
    {
        var report = OfflineEvaluator.Evaluate(PipelineData.CommittedModel("fashion-cloud"), Edge, 1, PipelineData.Holdout, new GateOptions { MaxP95LatencyMs = 50 });

        Assert.True(report.Passed, string.Join("\n", report.Lines()));
        Assert.Contains("(+", report.Checks[0].Measured);
    }

    [Fact]
    public void Evaluate_ShuffledLabelCandidate_FailsAccuracyAndRecall()
    {
        var bad = CandidateTrainer.TrainEdge(
            new CandidateOptions { TrainImages = PipelineData.Test.Take(3000), TestImages = PipelineData.Holdout, Epochs = 2, ShuffleLabels = true, SkipLatency = true },
            _ => { });

        var report = OfflineEvaluator.Evaluate(bad.Onnx, Edge, 1, PipelineData.Holdout, new GateOptions());

        Assert.False(report.Checks.Single(c => c.Name == OfflineEvaluator.AccuracyGate).Passed);
        Assert.False(report.Checks.Single(c => c.Name == OfflineEvaluator.RecallGate).Passed);
        Assert.True(report.Checks.Single(c => c.Name == OfflineEvaluator.LatencyGate).Passed);
    }

    [Fact]
    public void Evaluate_MarginDecidesACloseCall()
    {
        var weaker = CandidateTrainer.TrainEdge(
            new CandidateOptions { TrainImages = PipelineData.Test.Take(3000), TestImages = PipelineData.Holdout, Epochs = 2, SkipLatency = true },
            _ => { });

        var strict = OfflineEvaluator.Evaluate(weaker.Onnx, Edge, 1, PipelineData.Holdout, new GateOptions { MinClassRecall = 0 });
        var loose = OfflineEvaluator.Evaluate(weaker.Onnx, Edge, 1, PipelineData.Holdout, new GateOptions { MinClassRecall = 0, MaxAccuracyDrop = 0.5 });

        Assert.False(strict.Passed);
        Assert.True(loose.Passed, string.Join("\n", loose.Lines()));
    }

    [Fact]
    public void Evaluate_LatencyBudgetBelowAnyRealCall_Fails()
    {
        var report = OfflineEvaluator.Evaluate(Edge, Edge, 1, PipelineData.Holdout, new GateOptions { MaxP95LatencyMs = 1e-6 });

        Assert.False(report.Checks.Single(c => c.Name == OfflineEvaluator.LatencyGate).Passed);
    }

    [Fact]
    public void Evaluate_NotAnOnnxModel_Throws()
    {
        Assert.ThrowsAny<Exception>(() => OfflineEvaluator.Evaluate("not a model"u8.ToArray(), Edge, 1, PipelineData.Holdout, new GateOptions()));
    }
}

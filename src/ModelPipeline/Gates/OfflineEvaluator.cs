using System.Globalization;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;

namespace HybridInference.ModelPipeline.Gates;

/// <summary>
/// Step 4 of the pipeline: the candidate and the champion run in ONNX Runtime on the same held-out images;
/// the candidate passes when it is not worse than the champion by more than the margin, every class keeps
/// a recall floor, and it fits the latency budget.
/// </summary>
public static class OfflineEvaluator
{
    public const string AccuracyGate = "accuracy vs champion";
    public const string RecallGate = "per-class recall floor";
    public const string LatencyGate = "latency budget (ORT p95, 1 image)";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static CheckReport Evaluate(byte[] candidate, byte[] champion, int championVersion, ImageSet holdout, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(options);
        var c = Score(candidate, "candidate", holdout);
        var h = Score(champion, $"champion v{championVersion}", holdout);

        var drop = h.Accuracy - c.Accuracy;
        var worst = 0;
        for (var k = 1; k < c.ClassRecall.Count; k++)
        {
            worst = c.ClassRecall[k] < c.ClassRecall[worst] ? k : worst;
        }

        var below = Enumerable.Range(0, c.ClassRecall.Count).Where(k => c.ClassRecall[k] < options.MinClassRecall).ToArray();
        return new CheckReport("evaluate",
        [
            new CheckResult(
                AccuracyGate,
                drop <= options.MaxAccuracyDrop,
                $"candidate {c.Accuracy.ToString("P2", C)}, champion v{championVersion} {h.Accuracy.ToString("P2", C)} ({((c.Accuracy - h.Accuracy) * 100).ToString("+0.00;-0.00", C)} points)",
                $"drop <= {(options.MaxAccuracyDrop * 100).ToString("F2", C)} points",
                $"{holdout.Count:N0} held-out images"),
            new CheckResult(
                RecallGate,
                below.Length == 0,
                $"lowest: {FashionMnist.ClassNames[worst]} {c.ClassRecall[worst].ToString("P1", C)} (champion {h.ClassRecall[worst].ToString("P1", C)})",
                $">= {options.MinClassRecall.ToString("P1", C)} every class",
                below.Length == 0 ? "" : "below: " + string.Join(", ", below.Select(k => $"{FashionMnist.ClassNames[k]} {c.ClassRecall[k].ToString("P1", C)}"))),
            new CheckResult(
                LatencyGate,
                c.P95LatencyMs <= options.MaxP95LatencyMs,
                $"{c.P95LatencyMs.ToString("F4", C)} ms p95, {c.MedianLatencyMs.ToString("F4", C)} ms median (champion {h.P95LatencyMs.ToString("F4", C)} ms p95)",
                $"<= {options.MaxP95LatencyMs.ToString("F4", C)} ms",
                $"ONNX Runtime CPU, 1 intra-op thread, {Environment.ProcessorCount} cores"),
        ]);
    }

    public static ModelScore Score(byte[] model, string label, ImageSet holdout)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        using var onnx = new OnnxClassifier(model, label);
        if (onnx.InputSize != holdout.PixelsPerImage || onnx.ClassCount != FashionMnist.ClassCount)
        {
            throw new InvalidDataException($"{label}: takes {onnx.InputSize} inputs and gives {onnx.ClassCount} classes; the held-out images need {holdout.PixelsPerImage} and {FashionMnist.ClassCount}");
        }

        var predicted = Predictions.Classes(onnx.Predict(holdout.Pixels, holdout.Count), FashionMnist.ClassCount);
        var report = ClassificationReport.Create(predicted, holdout.Labels, FashionMnist.ClassCount);
        var latency = LatencyBenchmark.Measure(onnx, holdout.Pixels, holdout.Count, batchSize: 1, runs: 1000);
        return new ModelScore(report.Accuracy, report.PerClassAccuracy, latency.P95Ms, latency.MedianMs);
    }
}

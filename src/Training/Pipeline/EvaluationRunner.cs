using HybridInference.Training.Data;
using HybridInference.Training.Degradation;
using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Pipeline;

/// <summary>
/// Measures the published edge and cloud models through ONNX Runtime on the test split: each alone, the
/// cascade over a range of thresholds, the cheapest threshold for a target gap recovery, and the effect of
/// degraded inputs.
/// </summary>
public static class EvaluationRunner
{
    public static EvaluationSummary Run(EvaluationOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var test = FashionMnist.Load(options.TestDirectory, DataSplit.Test);
        using var edge = new OnnxClassifier(ModelRepository.ModelPath(options.ModelsDirectory, ModelSpecs.EdgeName, options.Version));
        using var cloud = new OnnxClassifier(ModelRepository.ModelPath(options.ModelsDirectory, ModelSpecs.CloudName, options.Version));

        log?.Invoke($"scoring {test.Count} test images with both models");
        var clean = Analyse(edge, cloud, test);
        var smallest = clean.SmallestEscalationFor(options.TargetGapRecovered);
        var cascade = clean.Table(CascadeAnalysis.StandardThresholds);
        var chosen = clean.Subset(i => i % 2 == 0).SmallestEscalationFor(options.TargetGapRecovered);
        var heldOut = new HeldOutThreshold(chosen, chosen is null ? null : clean.Subset(i => i % 2 == 1).At(chosen.Threshold));

        var degradations = new List<DegradationResult>();
        if (options.IncludeDegradations)
        {
            // Degraded traffic is routed with the threshold chosen on clean data, as a deployed router would.
            var threshold = smallest?.Threshold ?? 0.9;
            foreach (var degradation in Degradations.Standard)
            {
                log?.Invoke($"scoring degradation {degradation.Name}");
                var analysis = Analyse(edge, cloud, Degradations.ApplyToAll(degradation, test, options.Seed), out var meanConfidence);
                var row = analysis.At(threshold);
                degradations.Add(new DegradationResult(degradation.Name, analysis.EdgeAccuracy, analysis.CloudAccuracy, meanConfidence, row.Accuracy, row.EscalatedShare));
            }
        }

        return new EvaluationSummary(test.Count, clean.EdgeAccuracy, clean.CloudAccuracy, cascade, options.TargetGapRecovered, smallest, heldOut, degradations);
    }

    /// <summary>The cascade analysis of two models on one image set.</summary>
    public static CascadeAnalysis Analyse(OnnxClassifier edge, OnnxClassifier cloud, ImageSet images) => Analyse(edge, cloud, images, out _);

    private static CascadeAnalysis Analyse(OnnxClassifier edge, OnnxClassifier cloud, ImageSet images, out double edgeMeanConfidence)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(images);
        var edgeProbabilities = edge.Predict(images.Pixels, images.Count);
        var cloudProbabilities = cloud.Predict(images.Pixels, images.Count);
        var confidences = Predictions.Confidences(edgeProbabilities, FashionMnist.ClassCount);
        edgeMeanConfidence = confidences.Average();
        var edgeClasses = Predictions.Classes(edgeProbabilities, FashionMnist.ClassCount);
        var cloudClasses = Predictions.Classes(cloudProbabilities, FashionMnist.ClassCount);
        return new CascadeAnalysis(
            confidences,
            edgeClasses.Select((p, i) => p == images.Labels[i]).ToArray(),
            cloudClasses.Select((p, i) => p == images.Labels[i]).ToArray());
    }
}

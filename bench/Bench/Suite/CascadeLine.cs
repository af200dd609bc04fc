using System.Text.Json;
using HybridInference.Bench.Payloads;
using HybridInference.Training.Evaluation;
using HybridInference.Training.Pipeline;

namespace HybridInference.Bench.Suite;

/// <summary>
/// Line 6: both committed models over the whole test split, the cascade at the router's configured
/// threshold (read from src/Router/appsettings.json, so the line follows the configuration), and the least
/// escalation that recovers 90 % of the edge-to-cloud accuracy gap.
/// </summary>
public static class CascadeLine
{
    public static (CascadeAnalysis Analysis, double Threshold) Analyse(TestImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var edge = new OnnxClassifier(Path.Combine(RepositoryPaths.Models, "fashion-edge", "1", "model.onnx"));
        using var cloud = new OnnxClassifier(Path.Combine(RepositoryPaths.Models, "fashion-cloud", "1", "model.onnx"));
        return (EvaluationRunner.Analyse(edge, cloud, images.Set), ConfiguredThreshold());
    }

    private static double ConfiguredThreshold()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Router", "appsettings.json")));
        return settings.RootElement.GetProperty("Routing").GetProperty("Models").GetProperty("fashion").GetProperty("Threshold").GetDouble();
    }
}

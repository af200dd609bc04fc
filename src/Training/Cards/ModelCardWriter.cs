using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HybridInference.Training.Cards;

/// <summary>Serialises a <see cref="ModelCard"/> as JSON (for machines) and Markdown (for people).</summary>
public static class ModelCardWriter
{
    /// <summary>The contract's serializers, indented as the committed cards are.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = RegistryJsonContext.Default,
    };

    public static string ToJson(ModelCard card) => JsonSerializer.Serialize(card, JsonOptions) + "\n";

    public static ModelCard FromJson(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, JsonOptions) ?? throw new InvalidDataException("model card JSON is empty");

    public static string ToMarkdown(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Model card: {card.Name} v{card.Version}");
        md.AppendLine();
        md.AppendLine(card.Role);
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(c, $"| architecture | {card.Architecture} |");
        md.AppendLine(c, $"| parameters | {card.ParameterCount:N0} |");
        md.AppendLine(c, $"| file | `{card.File.Path}`, {card.File.SizeBytes:N0} bytes, ONNX opset {card.File.Opset} |");
        md.AppendLine(c, $"| SHA-256 | `{card.File.Sha256}` |");
        md.AppendLine(c, $"| test accuracy (ONNX Runtime) | **{card.Evaluation.TestAccuracy:P2}** |");
        md.AppendLine(c, $"| validation accuracy | {card.Evaluation.ValidationAccuracy:P2} |");
        md.AppendLine(c, $"| expected calibration error | {card.Evaluation.ExpectedCalibrationError:F4} (mean confidence {card.Evaluation.MeanConfidence:P2}) |");
        md.AppendLine(c, $"| ORT latency, 1 image | {card.Latency.SingleImageMedianMs:F4} ms median, {card.Latency.SingleImageP95Ms:F4} ms p95 |");
        md.AppendLine(c, $"| ORT latency, batch of 64 | {card.Latency.Batch64MedianMs:F4} ms median, {card.Latency.Batch64P95Ms:F4} ms p95 |");
        md.AppendLine(c, $"| latency measured on | {card.Latency.Machine}, {card.Latency.IntraOpThreads} intra-op thread(s) |");
        md.AppendLine(c, $"| parity with trainer | max abs difference {card.Evaluation.ParityMaxAbsDifference:E2}, {card.Evaluation.ParityPredictionMismatches} differing predictions on {card.Dataset.TestCount:N0} test images |");
        md.AppendLine();
        md.AppendLine("## Inputs and outputs");
        md.AppendLine();
        md.AppendLine("| direction | name | type | shape | meaning |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var (direction, spec) in card.Inputs.Select(i => ("input", i)).Concat(card.Outputs.Select(o => ("output", o))))
        {
            md.AppendLine(c, $"| {direction} | `{spec.Name}` | {spec.ElementType} | [{string.Join(", ", spec.Shape)}] | {spec.Description} |");
        }

        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine(c, $"{card.Dataset.Name} ({card.Dataset.Source}; licence {card.Dataset.Licence}). {card.Dataset.TrainCount:N0} training images, {card.Dataset.ValidationCount:N0} validation images carved from the training split, {card.Dataset.TestCount:N0} test images.");
        md.AppendLine();
        md.AppendLine("| file | SHA-256 |");
        md.AppendLine("|---|---|");
        foreach (var (file, hash) in card.Dataset.FileSha256)
        {
            md.AppendLine(c, $"| {file} | `{hash}` |");
        }

        var t = card.Training;
        md.AppendLine();
        md.AppendLine("## Training");
        md.AppendLine();
        md.AppendLine(c, $"{t.Optimizer}, seed {t.Seed}, {t.Epochs} epochs, batch {t.BatchSize}, learning rate {t.LearningRate} ({t.LearningRateSchedule}), weight decay {t.WeightDecay}; {t.DurationSeconds:F1} s. Softmax temperature {t.Temperature:F4}, fitted on {t.TemperatureFittedOn} and folded into the last layer.");
        md.AppendLine();
        md.AppendLine("Mean training loss per epoch: " + string.Join(", ", t.EpochLosses.Select(l => l.ToString("F4", c))) + ".");
        md.AppendLine();
        md.AppendLine("## Test accuracy per class");
        md.AppendLine();
        md.AppendLine("| class | name | accuracy |");
        md.AppendLine("|---|---|---|");
        foreach (var pc in card.Evaluation.PerClass)
        {
            md.AppendLine(c, $"| {pc.Class} | {pc.Name} | {pc.Accuracy:P1} |");
        }

        md.AppendLine();
        md.AppendLine("## Confusion matrix (rows: true class, columns: predicted)");
        md.AppendLine();
        md.AppendLine("| true \\ predicted | " + string.Join(" | ", Enumerable.Range(0, card.Evaluation.ConfusionMatrix.Length)) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", card.Evaluation.ConfusionMatrix.Length)));
        for (var row = 0; row < card.Evaluation.ConfusionMatrix.Length; row++)
        {
            md.AppendLine(c, $"| {row} {card.Dataset.ClassNames[row]} | {string.Join(" | ", card.Evaluation.ConfusionMatrix[row])} |");
        }

        return md.ToString();
    }
}

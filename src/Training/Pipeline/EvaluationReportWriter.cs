using System.Globalization;
using System.Text;

namespace HybridInference.Training.Pipeline;

/// <summary>Formats an <see cref="EvaluationSummary"/> as Markdown tables, ready for docs/MODELS.md.</summary>
public static class EvaluationReportWriter
{
    public static string ToMarkdown(EvaluationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Test images: {summary.TestCount}");
        text.AppendLine(c, $"Edge accuracy:  {summary.EdgeAccuracy:P2}");
        text.AppendLine(c, $"Cloud accuracy: {summary.CloudAccuracy:P2}");
        text.AppendLine(c, $"Gap:            {(summary.CloudAccuracy - summary.EdgeAccuracy) * 100:F2} points");
        text.AppendLine();
        text.AppendLine("Cascade (edge answers when its top probability >= t, else the cloud answers):");
        text.AppendLine();
        text.AppendLine("| t | accuracy | escalated | gap recovered (PGR) |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in summary.Cascade)
        {
            text.AppendLine(c, $"| {row.Threshold:0.00} | {row.Accuracy:P2} | {row.EscalatedShare:P1} | {row.GapRecovered:P1} |");
        }

        text.AppendLine();
        if (summary.SmallestEscalation is { } best)
        {
            text.AppendLine(c, $"Smallest escalation reaching {summary.TargetGapRecovered:P0} of the gap: {best.EscalatedShare:P1} escalated at t = {best.Threshold:0.0000} (accuracy {best.Accuracy:P2}, PGR {best.GapRecovered:P1})");
        }
        else
        {
            text.AppendLine(c, $"No threshold recovers {summary.TargetGapRecovered:P0} of the gap.");
        }

        if (summary.HeldOut is { Chosen: { } chosen, Applied: { } applied })
        {
            text.AppendLine(c, $"Held out: t = {chosen.Threshold:0.0000} chosen on the even-numbered test images ({chosen.EscalatedShare:P1} escalated, PGR {chosen.GapRecovered:P1}) gives on the odd-numbered ones {applied.Accuracy:P2} accuracy, {applied.EscalatedShare:P1} escalated, PGR {applied.GapRecovered:P1}");
        }

        if (summary.Degradations.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(c, $"Degraded inputs (cascade at t = {(summary.SmallestEscalation?.Threshold ?? 0.9):0.0000}):");
            text.AppendLine();
            text.AppendLine("| input | edge accuracy | cloud accuracy | edge mean confidence | cascade accuracy | escalated |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var d in summary.Degradations)
            {
                text.AppendLine(c, $"| {d.Name} | {d.EdgeAccuracy:P2} | {d.CloudAccuracy:P2} | {d.EdgeMeanConfidence:P1} | {d.CascadeAccuracy:P2} | {d.EscalatedShare:P1} |");
            }
        }

        return text.ToString();
    }
}

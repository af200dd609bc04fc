using HybridInference.Contracts.Predictions;
using System.Globalization;
using System.Text;

namespace HybridInference.Cli;

/// <summary>A prediction summary as the plain-text table an operator reads in a terminal.</summary>
public static class SummaryTable
{
    public static string Format(PredictionSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"window      {summary.From:u} .. {summary.To:u}");
        text.AppendLine(c, $"requests    {summary.Requests}");
        text.AppendLine(c, $"escalated   {summary.EscalationRate:P1}");
        var accuracyText = summary.Accuracy is { } a ? string.Format(c, ", accuracy {0:P2}", a) : "";
        text.AppendLine(c, $"labelled    {summary.Labelled}{accuracyText}");
        if (summary.EscalationReasons.Count > 0)
        {
            text.AppendLine("reasons     " + string.Join(", ", summary.EscalationReasons.Select(r => $"{r.Key}={r.Value}")));
        }

        text.AppendLine();
        text.AppendLine(c, $"{"tier",-15}{"requests",10}{"accuracy",10}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}");
        foreach (var (tier, count) in summary.PerTier)
        {
            var latency = summary.LatencyPerTier.GetValueOrDefault(tier);
            var accuracy = summary.AccuracyPerTier.GetValueOrDefault(tier) is { } value ? value.ToString("P2", c) : "-";
            text.AppendLine(c, $"{tier,-15}{count,10}{accuracy,10}{latency?.P50,10:F1}{latency?.P95,10:F1}{latency?.P99,10:F1}");
        }

        return text.ToString();
    }
}

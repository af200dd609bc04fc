using System.Globalization;
using System.Text;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>The report as Markdown for people: verdict, checks, measured values and timeline (not the samples).</summary>
public static class ReportMarkdown
{
    public static string Write(ExperimentReport report)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Experiment `{report.Experiment}`: {report.Status.ToString().ToLowerInvariant()}");
        md.AppendLine();
        if (report.Description.Length > 0)
        {
            md.AppendLine(report.Description).AppendLine();
        }

        md.AppendLine(inv, $"Run `{report.Id}`, started {report.StartedAt:O}, ended {(report.EndedAt is { } end ? end.ToString("O", inv) : "-")}.");
        if (report.StopReason is not null)
        {
            md.AppendLine().AppendLine(inv, $"**Stopped:** {report.StopReason}");
        }

        md.AppendLine().AppendLine("## Checks").AppendLine().AppendLine("| check | expected | measured | verdict |").AppendLine("|---|---|---|---|");
        foreach (var check in report.Checks)
        {
            md.AppendLine(inv, $"| {check.Check} | {check.Expected} | {check.Measured} | {(check.Passed ? "pass" : "**fail**")} |");
        }

        if (report.Measured is { } m)
        {
            md.AppendLine().AppendLine("## Measured").AppendLine().AppendLine("| value | |").AppendLine("|---|---|");
            md.AppendLine(inv, $"| requests sent / answered / without an answer | {m.Sent} / {m.Answered} / {m.Unanswered} |");
            md.AppendLine(inv, $"| error rate | {m.ErrorRate:P2} |");
            md.AppendLine(inv, $"| latency p50 / p95 / p99 / max | {Ms(m.P50Ms)} / {Ms(m.P95Ms)} / {Ms(m.P99Ms)} / {Ms(m.MaxMs)} |");
            md.AppendLine(inv, $"| accuracy | {(m.Accuracy is { } a ? a.ToString("P2", inv) : "-")} |");
            md.AppendLine(inv, $"| tiers | {Join(m.Tiers)} |");
            md.AppendLine(inv, $"| edge nodes | {Join(m.EdgeNodes)} |");
            md.AppendLine(inv, $"| prediction records missing | {(m.RecordsChecked is { } n ? $"{m.RecordsMissing} of {n}" : "not checked")} |");
        }

        md.AppendLine().AppendLine("## Timeline").AppendLine().AppendLine("| at | event | detail |").AppendLine("|---|---|---|");
        foreach (var e in report.Timeline)
        {
            md.AppendLine(inv, $"| {e.AtMs / 1000:0.0} s | {e.Event} | {e.Detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return md.ToString();
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "-";

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "-" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}

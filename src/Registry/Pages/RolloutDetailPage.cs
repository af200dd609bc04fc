using System.Globalization;
using System.Text;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Registry.Pages;

/// <summary>
/// One rollout as an operator reads it: where it is, the latest analysis with every measured value, a plot
/// per metric of canary against control with the tolerated limit, and the timeline of events and verdicts.
/// </summary>
internal static class RolloutDetailPage
{
    public static string Render(Rollout rollout)
    {
        var c = CultureInfo.InvariantCulture;
        var body = new StringBuilder();
        var phase = Verdicts.Text(rollout.Phase);
        body.Append(c, $"<h1>Rollout <span class=\"rollout-id\">{Html.Encode(rollout.Id)}</span></h1>");
        AppendSummary(body, rollout, phase);
        AppendLatest(body, rollout.Analyses.Count > 0 ? rollout.Analyses[^1] : null);

        body.Append("<section id=\"plots\"><h2>Canary vs control per analysis</h2>");
        foreach (var series in MetricSeries.From(rollout))
        {
            body.Append(MetricPlot.Render(series, rollout.Spec.IntervalSeconds));
        }

        body.Append("</section>");
        AppendTimeline(body, rollout);

        // Reload at the analysis interval while the rollout can still change; a finished one stays still.
        int? refresh = rollout.IsFinished ? null : Math.Clamp(rollout.Spec.IntervalSeconds, 5, 60);
        return PageLayout.Render($"Rollout {rollout.Id}", body.ToString(), refresh);
    }

    private static void AppendSummary(StringBuilder body, Rollout rollout, string phase)
    {
        var c = CultureInfo.InvariantCulture;
        var steps = string.Join(", ", rollout.Spec.Steps);
        body.Append("<section id=\"summary\"><dl class=\"summary\">");
        Row(body, "model", Html.Encode(rollout.Model));
        Row(body, "versions", string.Create(c, $"v{rollout.Stable} (stable) → v{rollout.Candidate} (candidate)"));
        Row(body, "phase", $"<span class=\"phase phase-{phase}\">{phase}</span>");
        Row(body, "weight", string.Create(c, $"<span class=\"weight\">{rollout.Weight}</span> % of devices on the candidate"));
        Row(body, "step", string.Create(c, $"{Math.Min(rollout.Step + 1, rollout.Spec.Steps.Count)} of {rollout.Spec.Steps.Count} (steps {steps} %)"));
        Row(body, "canary devices", rollout.CanaryDevices.Count == 0
            ? "<span class=\"muted\">none</span>"
            : "<span class=\"canary-devices\">" + string.Join(", ", rollout.CanaryDevices.Select(Html.Encode)) + "</span>");
        Row(body, "failed analyses", string.Create(c, $"{rollout.FailedAnalyses} (the rollout is rolled back at {rollout.Spec.FailureLimit})"));
        Row(body, "analysis", string.Create(c, $"every {rollout.Spec.IntervalSeconds} s, at least {rollout.Spec.MinSamples} samples per group, α = {Html.Number(rollout.Spec.Alpha)}, {rollout.Spec.SuccessesPerStep} success(es) per step"));
        Row(body, "started", $"{Html.Time(rollout.StartedAt)} by {Html.Encode(rollout.StartedBy)}");
        if (rollout.FinishedAt is { } finished)
        {
            Row(body, "finished", Html.Time(finished));
        }

        if (rollout.HeldBy is { } held)
        {
            Row(body, "held", $"<span class=\"held\">{Html.Encode(held)}</span>");
        }

        body.Append("</dl></section>");
    }

    private static void AppendLatest(StringBuilder body, AnalysisResult? latest)
    {
        body.Append("<section id=\"latest\"><h2>Latest analysis</h2>");
        if (latest is null)
        {
            body.Append("<p class=\"muted\">No analysis yet: the first one runs one interval after the start of the step.</p></section>");
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"<p>{Html.Time(latest.At)}, at {latest.Weight} %: <span class=\"{Verdicts.Css(latest.Verdict)}\">{Verdicts.Text(latest.Verdict)}</span></p>");
        body.Append("<table class=\"analysis\"><thead><tr><th>metric</th><th>canary</th><th>control</th><th>degradation</th><th>threshold</th><th>n canary / control</th><th>p</th><th>verdict</th><th>why</th></tr></thead><tbody>");
        foreach (var metric in latest.Metrics)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<tr data-metric=\"{Html.Encode(metric.Name)}\"><td>{Html.Encode(metric.Name)}</td><td class=\"num\">{Html.Number(metric.CanaryValue)}</td><td class=\"num\">{Html.Number(metric.ControlValue)}</td>" +
                $"<td class=\"num\">{Html.Number(metric.Degradation)}</td><td class=\"num\">{Html.Number(metric.Threshold)}</td><td class=\"num\">{metric.CanarySamples} / {metric.ControlSamples}</td>" +
                $"<td class=\"num\">{PValue(metric.PValue)}</td><td class=\"{Verdicts.Css(metric.Verdict)}\">{Verdicts.Text(metric.Verdict)}</td><td>{Html.Encode(metric.Reason)}</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    /// <summary>Events and analyses in time order; at the same instant the analysis comes first, since the event it causes follows it.</summary>
    private static void AppendTimeline(StringBuilder body, Rollout rollout)
    {
        var rows = rollout.Analyses.Select(a => (a.At, Order: 0, Html: AnalysisRow(a)))
            .Concat(rollout.Events.Select(e => (e.At, Order: 1, Html: EventRow(e))))
            .OrderBy(r => r.At).ThenBy(r => r.Order);
        body.Append("<section id=\"timeline\"><h2>Timeline</h2><table class=\"timeline\"><thead><tr><th>time</th><th>what</th><th>weight</th><th>detail</th><th>by</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            body.Append(row.Html);
        }

        body.Append("</tbody></table></section>");
    }

    private static string EventRow(RolloutEvent entry) => string.Create(CultureInfo.InvariantCulture,
        $"<tr class=\"event event-{Html.Encode(entry.Kind)}\"><td>{Html.Time(entry.At)}</td><td>{Html.Encode(entry.Kind)}</td><td class=\"num\">{entry.Weight} %</td><td>{Html.Encode(entry.Message)}</td><td>{Html.Encode(entry.Actor)}</td></tr>");

    private static string AnalysisRow(AnalysisResult analysis)
    {
        var metrics = string.Concat(analysis.Metrics.Select(m =>
            $"<li><span class=\"{Verdicts.Css(m.Verdict)}\">{Html.Encode(m.Name)} {Verdicts.Text(m.Verdict)}</span>: {Html.Encode(m.Reason)}</li>"));
        return string.Create(CultureInfo.InvariantCulture,
            $"<tr class=\"analysis\"><td>{Html.Time(analysis.At)}</td><td>analysis: <span class=\"{Verdicts.Css(analysis.Verdict)}\">{Verdicts.Text(analysis.Verdict)}</span></td><td class=\"num\">{analysis.Weight} %</td><td><ul class=\"metrics\">{metrics}</ul></td><td>controller</td></tr>");
    }

    /// <summary>A p-value too small for four decimals is shown as a bound: "0" would read as certainty.</summary>
    private static string PValue(double? p) => p is < 0.0001 ? "&lt; 0.0001" : Html.Number(p);

    private static void Row(StringBuilder body, string term, string markup) =>
        body.Append("<dt>").Append(Html.Encode(term)).Append("</dt><dd class=\"").Append(Html.Encode(term.Replace(' ', '-'))).Append("\">").Append(markup).Append("</dd>");
}

using System.Globalization;
using System.Text;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Registry.Pages;

/// <summary>
/// One metric of a rollout as an inline SVG: canary and control over time (one point per analysis), the
/// tolerated limit drawn from the control's value and the threshold, ticks and labels on both axes, and a
/// legend. Server-rendered so the plot needs neither JavaScript nor a chart library from a CDN.
/// </summary>
internal static class MetricPlot
{
    public const int Width = 640;
    public const int Height = 300;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public const string CanaryColor = "#e8590c";
    public const string ControlColor = "#1971c2";
    // Not the red of "failed" text, so a screenshot can tell the drawn limit from the tables around it.
    public const string LimitColor = "#e03131";

    public static string Render(MetricSeries series, int intervalSeconds)
    {
        var svg = new StringBuilder();
        var name = Html.Encode(series.Name);
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"plot\" id=\"plot-{name}\"><figcaption>{Html.Encode(MetricSeries.AxisLabel(series.Name))}</figcaption>");
        var plotted = series.Points.Where(p => p.Canary is not null || p.Control is not null).ToList();
        if (plotted.Count == 0)
        {
            svg.Append("<p class=\"muted no-data\">No values yet: every analysis so far had too few samples to measure this metric.</p></figure>");
            return svg.ToString();
        }

        var x = AxisScale.ForTimes(plotted.Select(p => (double)p.At.ToUnixTimeSeconds()).ToList(), intervalSeconds, Left, Width - Right);
        var y = AxisScale.ForValues(plotted.SelectMany(p => new[] { p.Canary, p.Control, p.Tolerated }).OfType<double>().ToList(), Height - Bottom, Top);

        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"metric-plot\" data-metric=\"{name}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Encode(MetricSeries.AxisLabel(series.Name))}: canary and control per analysis\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot-area\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fff\" stroke=\"#adb5bd\" />");
        AppendAxes(svg, series, x, y);
        AppendLine(svg, "threshold", LimitColor, "6 4", plotted.Where(p => p.Tolerated is not null).Select(p => (p.At, p.Tolerated!.Value)), x, y);
        AppendLine(svg, "control", ControlColor, null, plotted.Where(p => p.Control is not null).Select(p => (p.At, p.Control!.Value)), x, y);
        AppendLine(svg, "canary", CanaryColor, null, plotted.Where(p => p.Canary is not null).Select(p => (p.At, p.Canary!.Value)), x, y);
        AppendMarkers(svg, plotted, x, y);
        AppendLegend(svg, series);
        svg.Append("</svg></figure>");
        return svg.ToString();
    }

    private static void AppendAxes(StringBuilder svg, MetricSeries series, AxisScale x, AxisScale y)
    {
        var c = CultureInfo.InvariantCulture;
        svg.Append("<g class=\"y-axis\" font-size=\"11\" fill=\"#495057\">");
        foreach (var tick in y.Ticks)
        {
            var py = Html.Pixel(y.ToPixel(tick));
            var label = tick.ToString("F" + y.Decimals.ToString(c), c);
            svg.Append(c, $"<g class=\"tick y-tick\" data-value=\"{label}\"><line x1=\"{Left - 5}\" x2=\"{Width - Right}\" y1=\"{py}\" y2=\"{py}\" stroke=\"#e9ecef\" /><text x=\"{Left - 8}\" y=\"{py}\" text-anchor=\"end\" dominant-baseline=\"middle\">{label}</text></g>");
        }

        var middle = Html.Pixel((Top + Height - Bottom) / 2.0);
        svg.Append(c, $"<text class=\"axis-label\" transform=\"translate(14 {middle}) rotate(-90)\" text-anchor=\"middle\">{Html.Encode(MetricSeries.AxisLabel(series.Name))}</text></g>");

        svg.Append("<g class=\"x-axis\" font-size=\"11\" fill=\"#495057\">");
        var withDate = x.Max - x.Min > 86400;
        foreach (var tick in x.Ticks)
        {
            var px = Html.Pixel(x.ToPixel(tick));
            var at = DateTimeOffset.FromUnixTimeSeconds((long)tick).UtcDateTime;
            var label = at.ToString(withDate ? "MM-dd HH:mm" : "HH:mm:ss", c);
            svg.Append(c, $"<g class=\"tick x-tick\" data-value=\"{at:yyyy-MM-ddTHH:mm:ssZ}\"><line x1=\"{px}\" x2=\"{px}\" y1=\"{Top}\" y2=\"{Height - Bottom + 5}\" stroke=\"#e9ecef\" /><text x=\"{px}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{label}</text></g>");
        }

        svg.Append(c, $"<text class=\"axis-label\" x=\"{Html.Pixel((Left + Width - Right) / 2.0)}\" y=\"{Height - 8}\" text-anchor=\"middle\">time of analysis (UTC)</text></g>");
    }

    private static void AppendLine(StringBuilder svg, string kind, string color, string? dash, IEnumerable<(DateTimeOffset At, double Value)> points, AxisScale x, AxisScale y)
    {
        var coordinates = string.Join(' ', points.Select(p => $"{Html.Pixel(x.ToPixel(p.At.ToUnixTimeSeconds()))},{Html.Pixel(y.ToPixel(p.Value))}"));
        var dashing = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series {kind}\" points=\"{coordinates}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dashing} />");
    }

    /// <summary>A dot per analysis (a lone point draws no line), coloured by the metric's verdict, with the measured values as its tooltip.</summary>
    private static void AppendMarkers(StringBuilder svg, IReadOnlyList<MetricPoint> points, AxisScale x, AxisScale y)
    {
        var c = CultureInfo.InvariantCulture;
        svg.Append("<g class=\"markers\">");
        foreach (var point in points)
        {
            var px = Html.Pixel(x.ToPixel(point.At.ToUnixTimeSeconds()));
            var verdict = Verdicts.Css(point.Verdict);
            var tip = Html.Encode($"{Html.Time(point.At)} {Verdicts.Text(point.Verdict)}: {point.Reason}");
            if (point.Control is { } control)
            {
                svg.Append(c, $"<circle class=\"marker control\" cx=\"{px}\" cy=\"{Html.Pixel(y.ToPixel(control))}\" r=\"3\" fill=\"{ControlColor}\"><title>{tip}</title></circle>");
            }

            if (point.Canary is { } canary)
            {
                var fill = point.Verdict == Verdict.Failed ? LimitColor : CanaryColor;
                svg.Append(c, $"<circle class=\"marker canary {verdict}\" cx=\"{px}\" cy=\"{Html.Pixel(y.ToPixel(canary))}\" r=\"4\" fill=\"{fill}\" stroke=\"#fff\"><title>{tip}</title></circle>");
            }
        }

        svg.Append("</g>");
    }

    private static void AppendLegend(StringBuilder svg, MetricSeries series)
    {
        var c = CultureInfo.InvariantCulture;
        (string Kind, string Color, string? Dash, string Text)[] entries =
        [
            ("canary", CanaryColor, null, "canary"),
            ("control", ControlColor, null, "control"),
            ("threshold", LimitColor, "6 4", "tolerated: " + MetricSeries.ToleranceText(series.Name, series.Threshold)),
        ];
        svg.Append("<g class=\"legend\" font-size=\"12\" fill=\"#212529\">");
        var at = Left;
        foreach (var (kind, color, dash, text) in entries)
        {
            var dashing = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
            svg.Append(c, $"<g class=\"legend-entry {kind}\"><line x1=\"{at}\" x2=\"{at + 24}\" y1=\"16\" y2=\"16\" stroke=\"{color}\" stroke-width=\"2\"{dashing} /><text x=\"{at + 30}\" y=\"20\">{Html.Encode(text)}</text></g>");
            at += 40 + (text.Length * 7);
        }

        svg.Append("</g>");
    }
}

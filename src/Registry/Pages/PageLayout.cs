using System.Text;

namespace HybridInference.Registry.Pages;

/// <summary>
/// The document around every page: one inline stylesheet and no scripts or external resources, so a page
/// works offline, behind a proxy, and with JavaScript disabled. The markup is also well-formed XML, which
/// lets tests read it with an XML parser instead of matching strings.
/// </summary>
internal static class PageLayout
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #212529; }
        h1 { font-size: 1.4rem; word-break: break-all; } h2 { font-size: 1.15rem; margin-top: 2rem; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #dee2e6; vertical-align: top; }
        th { background: #f1f3f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
        .phase, .verdict { font-weight: 600; } .phase-promoted, .verdict-successful { color: #2b8a3e; }
        .phase-rolled-back, .verdict-failed { color: #c92a2a; } .phase-paused, .verdict-inconclusive { color: #e67700; }
        figure.plot { display: inline-block; margin: .5rem 1rem 1rem 0; } figure.plot figcaption { font-weight: 600; }
        ul.metrics { margin: 0; padding-left: 1rem; } .muted { color: #868e96; }
        """;

    public static string Render(string title, string body, int? refreshSeconds = null)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\" />");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
        if (refreshSeconds is { } seconds)
        {
            // A live rollout changes at each analysis; reloading is the whole "live view", with no script.
            page.Append("<meta http-equiv=\"refresh\" content=\"").Append(seconds).Append("\" />");
        }

        page.Append("<title>").Append(Html.Encode(title)).Append(" - HybridInference registry</title><style>").Append(Style).Append("</style></head>\n<body>");
        page.Append("<nav><a href=\"/rollouts\">Rollouts</a></nav>");
        page.Append(body);
        page.Append("</body></html>\n");
        return page.ToString();
    }
}

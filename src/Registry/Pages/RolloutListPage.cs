using System.Globalization;
using System.Text;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Registry.Pages;

/// <summary>The newest rollouts, each linking to its page.</summary>
internal static class RolloutListPage
{
    public static string Render(IReadOnlyList<Rollout> rollouts)
    {
        var body = new StringBuilder("<h1>Rollouts</h1>");
        if (rollouts.Count == 0)
        {
            body.Append("<p class=\"muted empty\">No rollouts yet. Start one with <code>hi rollouts start --model M --candidate N</code> or <code>POST /api/rollouts</code>.</p>");
            return PageLayout.Render("Rollouts", body.ToString(), refreshSeconds: 10);
        }

        body.Append("<table class=\"rollouts\"><thead><tr><th>rollout</th><th>model</th><th>versions</th><th>phase</th><th>weight</th><th>last verdict</th><th>started</th><th>by</th></tr></thead><tbody>");
        foreach (var rollout in rollouts)
        {
            var phase = Verdicts.Text(rollout.Phase);
            var verdict = rollout.Analyses.Count == 0 ? "<span class=\"muted\">-</span>"
                : $"<span class=\"{Verdicts.Css(rollout.Analyses[^1].Verdict)}\">{Verdicts.Text(rollout.Analyses[^1].Verdict)}</span>";
            body.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"/rollouts/{Html.Encode(Uri.EscapeDataString(rollout.Id))}\">{Html.Encode(rollout.Id)}</a></td><td>{Html.Encode(rollout.Model)}</td>" +
                $"<td>v{rollout.Stable} → v{rollout.Candidate}</td><td class=\"phase phase-{phase}\">{phase}</td><td class=\"num\">{rollout.Weight} %</td><td>{verdict}</td>" +
                $"<td>{Html.Time(rollout.StartedAt)}</td><td>{Html.Encode(rollout.StartedBy)}</td></tr>");
        }

        body.Append("</tbody></table>");
        return PageLayout.Render("Rollouts", body.ToString(), refreshSeconds: 10);
    }
}

namespace HybridInference.Registry.Pages;

/// <summary>The page for a rollout id that does not exist; the id is echoed (encoded) so a typo is visible.</summary>
internal static class NotFoundPage
{
    public static string Render(string id) => PageLayout.Render(
        "Rollout not found",
        $"<h1>Rollout not found</h1><p class=\"not-found\">Rollout '<span class=\"rollout-id\">{Html.Encode(id)}</span>' does not exist. See the <a href=\"/rollouts\">list of rollouts</a>.</p>");
}

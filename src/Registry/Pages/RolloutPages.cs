using HybridInference.Contracts.Security;
using System.Text;
using HybridInference.Rollouts.State;

namespace HybridInference.Registry.Pages;

/// <summary>
/// The rollout pages for people (<c>GET /rollouts</c>, <c>GET /rollouts/{id}</c>): HTML rendered on the
/// server from the same stored documents the API returns, so what the page shows is what the API says.
/// </summary>
public static class RolloutPages
{
    private const int Listed = 50;

    public static IEndpointRouteBuilder MapRolloutPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rollouts", async (RolloutStore store) => Page(RolloutListPage.Render(await store.ListAsync(Listed))))
            .ExcludeFromDescription()
            .RequireAuthorization(Scopes.RolloutsRead)
            .WithAdminLimits();
        app.MapGet("/rollouts/{id}", async (string id, RolloutStore store) =>
                await store.GetAsync(id) is { } rollout ? Page(RolloutDetailPage.Render(rollout)) : Page(NotFoundPage.Render(id), StatusCodes.Status404NotFound))
            .ExcludeFromDescription()
            .RequireAuthorization(Scopes.RolloutsRead)
            .WithAdminLimits();
        return app;
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}

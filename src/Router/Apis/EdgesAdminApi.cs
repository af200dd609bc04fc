using HybridInference.Contracts.Security;
using HybridInference.Contracts.RouterAdmin;
using HybridInference.Router.Edges;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.Apis;

/// <summary>
/// <c>GET /admin/edges</c>: each edge node as the router sees it now: in rotation or not (YARP's active and passive
/// health, the registry's offline mark), its circuit breaker (state, times opened, last reason) and its last device
/// report, the p95 of the router's recent calls to it (what the <c>p95_latency_ms</c> rules read; <c>coldCalls</c> counts
/// the calls left out of it because they started before the node's first answer), and where its
/// inference calls go (address and HTTP version). An operator, or an experiment polling it, sees
/// from outside that a failing node was cut off and when.
/// </summary>
public static class EdgesAdminApi
{
    public static IEndpointRouteBuilder MapEdgesAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Scopes.AdminRead).WithAdminLimits()
            .MapGet("/edges", List)
            .WithSummary("Every configured edge node: in rotation or not, its circuit breaker (closed, open, half-open; times opened; last reason), its last device report, the p95 of its recent calls, where its inference calls go.");
        return app;
    }

    public static Ok<IReadOnlyList<EdgeView>> List(EdgeDirectory directory, EdgeSelector selector, EdgeBreakers breakers)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(breakers);

        // A breaker is built with the node's first call; before that it is closed and has never opened.
        IReadOnlyList<EdgeView> nodes = [.. directory.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => new EdgeView(
            n.Name,
            selector.InRotation(n.Name),
            View(breakers.For(n.Name) ?? new EdgeBreakerState(n.Name, "closed", 0, null, null, null)),
            n.LastReport?.GpuTemperatureCelsius,
            n.LastReport?.Throttled,
            Math.Round(n.Latency.P95(), 2),
            n.Latency.ColdCalls,
            n.InferAddress.ToString(),
            n.InferVersion.ToString(2)))];
        return TypedResults.Ok(nodes);
    }

    private static EdgeBreakerView View(EdgeBreakerState breaker) =>
        new(breaker.Node, breaker.State, breaker.Opened, breaker.LastOpenedAt, breaker.LastClosedAt, breaker.LastReason);
}

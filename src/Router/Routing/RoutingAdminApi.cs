using HybridInference.Contracts.Security;
using HybridInference.Contracts.RouterAdmin;
using HybridInference.Router.Routing.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.Routing;

/// <summary><c>GET /admin/routing</c>: the routing configuration in effect, after validation and parsing.</summary>
public static class RoutingAdminApi
{
    public static IEndpointRouteBuilder MapRoutingAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Scopes.AdminRead).WithAdminLimits()
            .MapGet("/routing", GetRouting)
            .WithSummary("The routing configuration in effect: per-model thresholds, audit rates, escalation limits and the health rules, in evaluation order.");
        return app;
    }

    public static Ok<RoutingView> GetRouting(IRoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var snapshot = table.Current;
        return TypedResults.Ok(new RoutingView(
            snapshot.Revision,
            snapshot.LoadedAt,
            snapshot.HealthMaxAge.TotalSeconds,
            [.. snapshot.Models.Values.OrderBy(m => m.Model, StringComparer.Ordinal).Select(m => new ModelView(m.Model, m.Threshold, m.AuditRate, m.MaxEscalationsPerSecondPerSite))],
            [.. snapshot.Rules.Select(r => new RuleView(r.Name, r.Expression, r.Action == RuleAction.Cloud ? RuleParser.CloudAction : RuleParser.EdgeOnlyAction))]));
    }
}

using HybridInference.Contracts.Security;
using HybridInference.Contracts.RouterAdmin;
using HybridInference.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.Apis;

/// <summary>Operator endpoints of the front door: what the mesh looks like from here.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Scopes.AdminRead).WithAdminLimits();
        admin.MapGet("/instances", ListInstancesAsync)
            .WithSummary("Every service instance that announced itself in the store within its time to live.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ServiceInstance>>, ProblemHttpResult>> ListInstancesAsync(PresenceDirectory directory)
    {
        try
        {
            IReadOnlyList<ServiceInstance> instances = [.. (await directory.ListAsync()).Select(r => new ServiceInstance(r.Service, r.Instance, r.Role, r.Site, r.Version, r.StartedAt, r.LastSeen))];
            return TypedResults.Ok(instances);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return TypedResults.Problem(
                title: "Store unavailable",
                detail: $"The instance list lives in the store, which did not answer: {ex.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

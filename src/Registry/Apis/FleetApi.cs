using HybridInference.Contracts.Security;
using HybridInference.Contracts.Fleet;
using HybridInference.Registry.Fleet;
using HybridInference.Registry.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Registry.Apis;

/// <summary>
/// The fleet view and the operators' side of the fleet manager: which devices exist, whether they are
/// online, what they run and what they should run. Desired-state changes are audited, like alias moves.
/// </summary>
public static class FleetApi
{
    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder app)
    {
        var fleet = app.MapGroup("/api/fleet").WithTags("Fleet").WithAdminLimits();
        fleet.MapGet("/devices", ListDevicesAsync).WithSummary("Every registered device (or those of ?group= and/or ?site=): state (online/offline), health, last seen, running and desired version.").RequireAuthorization(Scopes.FleetRead);
        fleet.MapGet("/devices/{id}", GetDeviceAsync).WithSummary("One device.").RequireAuthorization(Scopes.FleetRead);
        fleet.MapGet("/devices/{id}/telemetry", TelemetryAsync).WithSummary("A device's telemetry messages, newest first.").RequireAuthorization(Scopes.FleetRead);
        // The body is read by hand, not bound, so that a wrong content type or malformed JSON gets a 400 that
        // says what is wrong instead of the framework's bare 415/400.
        fleet.MapPut("/devices/{id}/desired", SetDesiredAsync)
            .WithSummary("Set the model version (or alias, resolved now) and routing rules a device should run; recorded in the audit trail. Body: DesiredStateRequest as JSON.")
            .RequireAuthorization(Scopes.FleetWrite);
        fleet.MapPut("/groups/{group}/desired", SetGroupDesiredAsync)
            .WithSummary("Set the desired state of every device of a group, and of devices that register into it later (a device's own later state wins). Body as for a device.")
            .RequireAuthorization(Scopes.FleetWrite);
        fleet.MapPut("/sites/{site}/desired", SetSiteDesiredAsync)
            .WithSummary("Set the desired state of every device of a site, and of devices that register into it later (a device's own later state wins). Body as for a device.")
            .RequireAuthorization(Scopes.FleetWrite);
        fleet.MapGet("/audit", AuditAsync).WithSummary("Desired-state changes, newest first.").RequireAuthorization(Scopes.FleetRead);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<DeviceView>>, ProblemHttpResult>> ListDevicesAsync(string? group, string? site, FleetStore fleet)
    {
        if (group is not null && !FleetNames.IsValid(group))
        {
            return Problems.BadRequest($"group '{group}' is invalid: use {FleetNames.Rule}");
        }

        if (site is not null && !FleetNames.IsValid(site))
        {
            return Problems.BadRequest($"site '{site}' is invalid: use {FleetNames.Rule}");
        }

        IReadOnlyList<DeviceView> devices = [.. (await fleet.ListAsync()).Where(d => (group is null || d.Group == group) && (site is null || d.Site == site))];
        return TypedResults.Ok(devices);
    }

    public static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetDeviceAsync(string id, FleetStore fleet) =>
        await fleet.GetViewAsync(id) is { } view ? TypedResults.Ok(view) : UnknownDevice(id);

    public static async Task<Results<Ok<IReadOnlyList<TelemetryRecord>>, ProblemHttpResult>> TelemetryAsync(string id, int? count, FleetStore fleet)
    {
        if (count is < 1 or > 1000)
        {
            return Problems.BadRequest($"count must be between 1 and 1000, got {count}");
        }

        return await fleet.GetDeviceAsync(id) is null ? UnknownDevice(id) : TypedResults.Ok(await fleet.TelemetryAsync(id, count ?? 20));
    }

    public static async Task<Results<Ok<IReadOnlyList<FleetAuditEntry>>, ProblemHttpResult>> AuditAsync(int? count, FleetStore fleet) =>
        count is < 1 or > 1000
            ? Problems.BadRequest($"count must be between 1 and 1000, got {count}")
            : TypedResults.Ok(await fleet.AuditAsync(count ?? 100));

    public static async Task<Results<Ok<DesiredState>, ProblemHttpResult>> SetDesiredAsync(
        string id, HttpRequest request, FleetStore fleet, ModelRegistryStore registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, actor, problem) = await DesiredStateReader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await fleet.GetDeviceAsync(id) is null)
        {
            return UnknownDevice(id);
        }

        var (create, notFound) = await DesiredStateReader.ResolveAsync(body!, actor!, registry, time);
        if (notFound is not null)
        {
            return notFound;
        }

        return TypedResults.Ok(await fleet.SetDesiredAsync(id, create!));
    }

    public static Task<Results<Ok<TargetDesiredResult>, ProblemHttpResult>> SetGroupDesiredAsync(
        string group, HttpRequest request, FleetStore fleet, ModelRegistryStore registry, TimeProvider time, CancellationToken cancellationToken) =>
        SetTargetDesiredAsync(FleetTarget.Group(group), request, fleet, registry, time, cancellationToken);

    public static Task<Results<Ok<TargetDesiredResult>, ProblemHttpResult>> SetSiteDesiredAsync(
        string site, HttpRequest request, FleetStore fleet, ModelRegistryStore registry, TimeProvider time, CancellationToken cancellationToken) =>
        SetTargetDesiredAsync(FleetTarget.Site(site), request, fleet, registry, time, cancellationToken);

    private static async Task<Results<Ok<TargetDesiredResult>, ProblemHttpResult>> SetTargetDesiredAsync(
        FleetTarget target, HttpRequest request, FleetStore fleet, ModelRegistryStore registry, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!FleetNames.IsValid(target.Name))
        {
            return Problems.BadRequest($"{target.Kind} name '{target.Name}' is invalid: use {FleetNames.Rule}");
        }

        var (body, actor, problem) = await DesiredStateReader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if ((await fleet.MembersAsync(target)).Count == 0)
        {
            return UnknownTarget(target, await fleet.ListAsync());
        }

        var (create, notFound) = await DesiredStateReader.ResolveAsync(body!, actor!, registry, time);
        if (notFound is not null)
        {
            return notFound;
        }

        // Null only if the last device left the target between the check and the write.
        return await fleet.SetTargetDesiredAsync(target, create!) is { } result ? TypedResults.Ok(result) : UnknownTarget(target, await fleet.ListAsync());
    }

    private static ProblemHttpResult UnknownTarget(FleetTarget target, IReadOnlyList<DeviceView> devices)
    {
        var known = devices.Select(d => target.Kind == FleetTarget.GroupKind ? d.Group : d.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return Problems.NotFound($"{target.Kind} '{target.Name}' has no registered devices; {target.Kind}s in the fleet: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
    }

    private static ProblemHttpResult UnknownDevice(string id) =>
        Problems.NotFound($"device '{id}' is not registered; registered devices are listed at GET /api/fleet/devices");
}

using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder app)
    {
        var fleet = app.MapGroup("/api/fleet").WithTags("Fleet");
        fleet.MapGet("/devices", ListDevicesAsync).WithSummary("Every registered device: state (online/offline), health, last seen, running and desired version.");
        fleet.MapGet("/devices/{id}", GetDeviceAsync).WithSummary("One device.");
        fleet.MapGet("/devices/{id}/telemetry", TelemetryAsync).WithSummary("A device's telemetry messages, newest first.");
        // The body is read by hand, not bound, so that a wrong content type or malformed JSON gets a 400 that
        // says what is wrong instead of the framework's bare 415/400.
        fleet.MapPut("/devices/{id}/desired", SetDesiredAsync)
            .WithSummary("Set the model version (or alias, resolved now) and routing rules a device should run; recorded in the audit trail. Body: DesiredStateRequest as JSON.");
        fleet.MapGet("/audit", AuditAsync).WithSummary("Desired-state changes, newest first.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeviceView>>> ListDevicesAsync(FleetStore fleet) => TypedResults.Ok(await fleet.ListAsync());

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
        if (!request.HasJsonContentType())
        {
            return Problems.BadRequest("expected a JSON body (Content-Type: application/json): {\"model\": \"fashion-edge\", \"version\": 2} or {\"model\": \"fashion-edge\", \"alias\": \"champion\"}");
        }

        DesiredStateRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<DesiredStateRequest>(request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the body is not a valid desired state: {ex.Message}");
        }

        if (body is null)
        {
            return Problems.BadRequest("the body is empty: expected {\"model\": ..., \"version\": ... or \"alias\": ...}");
        }

        if (RequestActor.From(request, body.Actor) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Problems.BadRequest("'model' is required: the name of a registered model");
        }

        if ((body.Version is null) == string.IsNullOrWhiteSpace(body.Alias))
        {
            return Problems.BadRequest("give exactly one of 'version' (a number) or 'alias' (e.g. champion)");
        }

        var rules = body.Rules ?? [];
        var ruleErrors = rules.Select((r, i) => RuleShape.Validate(r, i)).OfType<string>().ToList();
        if (ruleErrors.Count > 0)
        {
            return Problems.BadRequest(string.Join("; ", ruleErrors));
        }

        if (await fleet.GetDeviceAsync(id) is null)
        {
            return UnknownDevice(id);
        }

        int number;
        if (body.Version is { } version)
        {
            number = version;
        }
        else if (await registry.ResolveAliasAsync(body.Model, body.Alias!) is { } aliased)
        {
            number = aliased;
        }
        else
        {
            return Problems.NotFound($"model '{body.Model}' has no alias '{body.Alias}'");
        }

        if (await registry.GetVersionAsync(body.Model, number) is not { } target)
        {
            return Problems.NotFound($"version {number} of model '{body.Model}' does not exist");
        }

        var desired = await fleet.SetDesiredAsync(id, generation => new DesiredState(
            generation,
            new ModelRef(target.Name, target.Version, target.Digest),
            target.SizeBytes,
            body.Alias,
            [.. rules.OfType<RuleDefinition>()],
            time.GetUtcNow(),
            actor,
            body.Reason));
        return TypedResults.Ok(desired);
    }

    private static ProblemHttpResult UnknownDevice(string id) =>
        Problems.NotFound($"device '{id}' is not registered; registered devices are listed at GET /api/fleet/devices");
}

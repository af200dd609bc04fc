using HybridInference.Contracts.Security;
using System.Text.Json;
using HybridInference.Faults.Distribution;
using HybridInference.Faults.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HybridInference.ChaosLab.Apis;

/// <summary>
/// <c>/api/faults</c>: create, list, remove and clear the faults every service follows. ChaosLab only
/// writes them to the store; each service reads and applies its own within a second.
/// </summary>
public static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/api/faults").WithTags("Faults").WithAdminLimits();
        faults.MapPost("/", Create)
            .Accepts<FaultRequest>("application/json")
            .WithSummary("Inject a fault; it ends by itself at its expiry")
            .RequireAuthorization(Scopes.ChaosWrite);
        faults.MapGet("/", List).WithSummary("Every fault not yet expired").RequireAuthorization(Scopes.ChaosRead);
        faults.MapGet("/{id}", Get).WithSummary("One fault").RequireAuthorization(Scopes.ChaosRead);
        faults.MapDelete("/{id}", Remove).WithSummary("End one fault now").RequireAuthorization(Scopes.ChaosWrite);
        faults.MapDelete("/", Clear).WithSummary("End every fault now").RequireAuthorization(Scopes.ChaosWrite);
        return app;
    }

    public static async Task<Results<Created<Fault>, ValidationProblem, Conflict<ProblemDetails>>> Create(
        HttpRequest request, FaultStore store, IOptions<StoredFaultLimits> limits, TimeProvider time)
    {
        FaultRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<FaultRequest>(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            var field = ex is JsonException { Path: { Length: > 2 } path } ? path.TrimStart('$', '.') : "body";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [field] = [$"the body must be a JSON fault object: {ex.Message}"],
            });
        }

        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["the body must be a JSON fault object, not null"] });
        }

        var now = time.GetUtcNow();
        if (!FaultValidator.TryCreate(body, now, NewId, out var fault, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Fault rejected");
        }

        if (fault!.ExpiresAt - fault.StartsAt > limits.Value.MaxDuration)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["durationSeconds"] = [$"the fault would last {(fault.ExpiresAt - fault.StartsAt).TotalSeconds} s, more than the {limits.Value.MaxDurationSeconds} s allowed here ({StoredFaultLimits.Section}:{nameof(StoredFaultLimits.MaxDurationSeconds)})"] },
                title: "Fault rejected");
        }

        if ((await store.ReadAllAsync()).Count >= limits.Value.MaxActive)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Too many faults",
                Detail = $"{limits.Value.MaxActive} faults are active, the most allowed ({StoredFaultLimits.Section}:{nameof(StoredFaultLimits.MaxActive)}); remove one or wait for one to expire",
                Status = StatusCodes.Status409Conflict,
            });
        }

        if (!await store.TryAddAsync(fault, now))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Conflict",
                Detail = $"a fault with id '{fault!.Id}' is already active; remove it first or choose another id",
                Status = StatusCodes.Status409Conflict,
            });
        }

        return TypedResults.Created($"/api/faults/{fault!.Id}", fault);
    }

    public static async Task<Ok<IReadOnlyList<Fault>>> List(FaultStore store) => TypedResults.Ok(await store.ReadAllAsync());

    public static async Task<Results<Ok<Fault>, NotFound<ProblemDetails>>> Get(string id, FaultStore store) =>
        (await store.ReadAllAsync()).FirstOrDefault(fault => fault.Id == id) is { } fault
            ? TypedResults.Ok(fault)
            : NotFound(id);

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Remove(string id, FaultStore store) =>
        await store.RemoveAsync(id) ? TypedResults.NoContent() : NotFound(id);

    public static async Task<Ok<ClearedFaults>> Clear(FaultStore store) => TypedResults.Ok(new ClearedFaults(await store.ClearAsync()));

    private static NotFound<ProblemDetails> NotFound(string id) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Not found",
        Detail = $"no active fault with id '{id}' (it may have expired)",
        Status = StatusCodes.Status404NotFound,
    });

    private static string NewId() => "f-" + Guid.NewGuid().ToString("N")[..10];
}

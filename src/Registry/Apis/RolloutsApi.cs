using HybridInference.Contracts.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Rollouts: start one from a spec, list and read them, and the commands Argo Rollouts users expect
/// (pause, resume, promote now, abort now). Every answer carries the whole state, analyses included, except the
/// webhooks' secrets, which are write-only.
/// </summary>
public static class RolloutsApi
{
    // A misspelt field in a spec must not silently fall back to a default (a typo in "failureLimit" would
    // otherwise run a rollout with the default abort threshold).
    private static readonly JsonSerializerOptions SpecJson = new(RolloutStore.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IEndpointRouteBuilder MapRolloutsApi(this IEndpointRouteBuilder app)
    {
        var rollouts = app.MapGroup("/api/rollouts").WithTags("Rollouts").WithAdminLimits();
        // Reads need rollouts:read, changes rollouts:write; each route names its own.
        rollouts.MapPost("/", StartAsync).WithSummary("Start a rollout: body RolloutSpec (model, candidateVersion or candidateAlias, steps, intervalSeconds, metrics, webhooks).").RequireAuthorization(Scopes.RolloutsWrite);
        rollouts.MapGet("/", ListAsync).WithSummary("Rollouts, newest first.").RequireAuthorization(Scopes.RolloutsRead);
        rollouts.MapGet("/{id}", GetAsync).WithSummary("One rollout: phase, weight, canary devices, timeline and every analysis with its measured values.").RequireAuthorization(Scopes.RolloutsRead);
        rollouts.MapPost("/{id}/pause", (string id, HttpRequest request, RolloutEngine engine) => CommandAsync(id, request, engine.PauseAsync)).WithSummary("Pause: no analysis, no step, until resumed.").RequireAuthorization(Scopes.RolloutsWrite);
        rollouts.MapPost("/{id}/resume", (string id, HttpRequest request, RolloutEngine engine) => CommandAsync(id, request, engine.ResumeAsync)).WithSummary("Resume a paused rollout; the step is judged on traffic from now on.").RequireAuthorization(Scopes.RolloutsWrite);
        rollouts.MapPost("/{id}/promote", (string id, HttpRequest request, RolloutEngine engine) => CommandAsync(id, request, engine.PromoteNowAsync)).WithSummary("Promote now: every device to the candidate, champion alias moved.").RequireAuthorization(Scopes.RolloutsWrite);
        rollouts.MapPost("/{id}/abort", (string id, HttpRequest request, RolloutEngine engine) => CommandAsync(id, request, engine.AbortNowAsync)).WithSummary("Abort now (fast-track rollback): canary devices back to the stable version.").RequireAuthorization(Scopes.RolloutsWrite);
        return app;
    }

    public static async Task<Results<Created<Rollout>, ProblemHttpResult>> StartAsync(HttpRequest request, RolloutEngine engine, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.BadRequest("expected a JSON rollout spec (Content-Type: application/json), e.g. {\"model\": \"fashion-edge\", \"candidateVersion\": 2}");
        }

        RolloutSpec? spec;
        try
        {
            spec = await JsonSerializer.DeserializeAsync<RolloutSpec>(request.Body, SpecJson, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the body is not a valid rollout spec: {ex.Message}");
        }

        if (spec is null)
        {
            return Problems.BadRequest("the body is empty: expected a rollout spec {\"model\": ..., \"candidateVersion\": ...}");
        }

        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        try
        {
            var rollout = await engine.StartAsync(spec, actor, cancellationToken);
            return TypedResults.Created($"/api/rollouts/{rollout.Id}", rollout.WithoutSecrets());
        }
        catch (RolloutException ex)
        {
            return Problem(ex);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<Rollout>>, ProblemHttpResult>> ListAsync(int? count, RolloutStore store) =>
        count is < 1 or > 200
            ? Problems.BadRequest($"count must be between 1 and 200, got {count}")
            : TypedResults.Ok<IReadOnlyList<Rollout>>([.. (await store.ListAsync(count ?? 50)).Select(r => r.WithoutSecrets())]);

    public static async Task<Results<Ok<Rollout>, ProblemHttpResult>> GetAsync(string id, RolloutStore store) =>
        await store.GetAsync(id) is { } rollout ? TypedResults.Ok(rollout.WithoutSecrets()) : Problems.NotFound($"rollout '{id}' does not exist");

    private static async Task<Results<Ok<Rollout>, ProblemHttpResult>> CommandAsync(string id, HttpRequest request, Func<string, string, string?, Task<Rollout>> command)
    {
        RolloutCommand? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if (!request.HasJsonContentType())
            {
                return Problems.BadRequest("a command body must be JSON (Content-Type: application/json): {\"actor\": ..., \"reason\": ...}");
            }

            try
            {
                body = await JsonSerializer.DeserializeAsync<RolloutCommand>(request.Body, SpecJson, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Problems.BadRequest($"the body is not a valid command: {ex.Message}");
            }
        }

        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        try
        {
            return TypedResults.Ok((await command(id, actor, body?.Reason)).WithoutSecrets());
        }
        catch (RolloutException ex)
        {
            return Problem(ex);
        }
    }

    private static ProblemHttpResult Problem(RolloutException ex) => ex.Status switch
    {
        404 => Problems.NotFound(ex.Message),
        409 => Problems.Conflict(ex.Message),
        _ => Problems.BadRequest(ex.Message),
    };
}

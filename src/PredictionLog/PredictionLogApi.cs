using HybridInference.Contracts.Security;
using HybridInference.Contracts.Predictions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HybridInference.PredictionLog;

/// <summary>Reading the log: a summary over a time window, and one record by request id.</summary>
public static class PredictionLogApi
{
    /// <summary>The longest window a summary reads, so one call cannot pull a week of records into memory.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapPredictionLogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/predictions").WithTags("Prediction log").RequireAuthorization(Scopes.PredictionsRead)
            // GETs only, so no body limit; the admin rate limit per subject, as on every admin group.
            .RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapGet("/summary", SummaryAsync)
            .WithSummary("Counts per tier, escalation rate and reasons, accuracy where labels exist, latency percentiles per tier, for the last 'minutes' (default 15) or between 'from' and 'to' (ISO 8601).");
        group.MapGet("/{requestId}", GetAsync).WithSummary("One prediction record.");
        return app;
    }

    public static async Task<Results<Ok<PredictionSummary>, ProblemHttpResult>> SummaryAsync(
        PredictionStore store, TimeProvider time, double? minutes, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (minutes is not null && (from is not null || to is not null))
        {
            return BadRequest("give either 'minutes' or 'from'/'to', not both");
        }

        if (minutes is <= 0 or > 1440)
        {
            return BadRequest($"'minutes' must be between 0 and 1440, got {minutes}");
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddMinutes(-(minutes ?? 15));
        if (start > end)
        {
            return BadRequest($"'from' ({start:O}) is after 'to' ({end:O})");
        }

        if (end - start > MaxWindow)
        {
            return BadRequest($"the window {end - start} is longer than the maximum {MaxWindow}");
        }

        return TypedResults.Ok(PredictionSummary.Of(await store.ReadWindowAsync(start, end), start, end));
    }

    public static async Task<Results<Ok<PredictionRecord>, ProblemHttpResult>> GetAsync(string requestId, PredictionStore store) =>
        await store.GetAsync(requestId) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.Problem(title: "Not found", detail: $"no prediction record for request '{requestId}'", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

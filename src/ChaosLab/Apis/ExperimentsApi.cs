using HybridInference.Contracts.Security;
using HybridInference.ChaosLab.Experiments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HybridInference.ChaosLab.Apis;

/// <summary>
/// <c>/api/experiments</c>: list the experiment files, validate one, run one, and read a run's report
/// (JSON, or Markdown at <c>/report.md</c>).
/// </summary>
public static class ExperimentsApi
{
    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/experiments").WithTags("Experiments").WithAdminLimits();
        experiments.MapGet("/", (ExperimentCatalog catalog) => TypedResults.Ok(catalog.Names())).WithSummary("The experiment files' names").RequireAuthorization(Scopes.ChaosRead);
        experiments.MapGet("/{name}", Show).WithSummary("One experiment as validated (400 naming each bad field)").RequireAuthorization(Scopes.ChaosRead);
        experiments.MapPost("/{name}/run", Run).WithSummary("Start a run; poll its report").RequireAuthorization(Scopes.ChaosWrite);
        experiments.MapGet("/runs", (ExperimentRuns runs) => TypedResults.Ok(runs.All().Select(r => r with { Samples = [] }))).WithSummary("Every run kept, newest first, without samples").RequireAuthorization(Scopes.ChaosRead);
        experiments.MapGet("/runs/{id}", Report).WithSummary("A run's report: status, checks, measured values, timeline, samples").RequireAuthorization(Scopes.ChaosRead);
        experiments.MapGet("/runs/{id}/report.md", Markdown).WithSummary("A run's report as Markdown").RequireAuthorization(Scopes.ChaosRead);
        experiments.MapPost("/runs/{id}/actions/{action}", Confirm)
            .WithSummary("The harness took an announced action (kill, start, model update): 204; 404 when the run has no such action waiting")
            .RequireAuthorization(Scopes.ChaosWrite);
        return app;
    }

    public static async Task<Results<Ok<Experiment>, ValidationProblem, NotFound<ProblemDetails>>> Show(string name, ExperimentCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.LoadAsync(name, cancellationToken) switch
        {
            null => NoExperiment(name, catalog),
            { Experiment: { } experiment } => TypedResults.Ok(experiment),
            { Errors: var errors } => TypedResults.ValidationProblem(errors, title: $"Experiment '{name}' is invalid"),
        };

    public static async Task<Results<Accepted<RunStarted>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Run(
        string name, ExperimentCatalog catalog, ExperimentRuns runs, CancellationToken cancellationToken)
    {
        switch (await catalog.LoadAsync(name, cancellationToken))
        {
            case null:
                return NoExperiment(name, catalog);
            case { Experiment: null, Errors: var errors }:
                return TypedResults.ValidationProblem(errors, title: $"Experiment '{name}' is invalid");
            case { Experiment: { } experiment }:
                if (!runs.TryStart(experiment, out var id))
                {
                    return TypedResults.Conflict(new ProblemDetails
                    {
                        Title = "Conflict",
                        Detail = $"run '{id}' is still going; one experiment runs at a time so that their faults do not mix",
                        Status = StatusCodes.Status409Conflict,
                    });
                }

                return TypedResults.Accepted($"/api/experiments/runs/{id}", new RunStarted(id, name, $"/api/experiments/runs/{id}"));
        }
    }

    public static Results<Ok<ExperimentReport>, NotFound<ProblemDetails>> Report(string id, ExperimentRuns runs) =>
        runs.Get(id) is { } report ? TypedResults.Ok(report) : NoRun(id);

    public static Results<ContentHttpResult, NotFound<ProblemDetails>> Markdown(string id, ExperimentRuns runs) =>
        runs.Get(id) is { } report ? TypedResults.Text(ReportMarkdown.Write(report), "text/markdown; charset=utf-8") : NoRun(id);

    public static Results<NoContent, NotFound<ProblemDetails>, ValidationProblem> Confirm(
        string id, string action, [FromBody] ActionDone? body, ExperimentRuns runs, HarnessActions actions)
    {
        if (runs.Get(id) is null)
        {
            return NoRun(id);
        }

        if (body?.Detail is { Length: > 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["detail"] = [$"detail must be at most 500 characters (was {body.Detail.Length})"] });
        }

        return actions.Confirm(id, action, body?.PerformedAt, body?.Detail) switch
        {
            HarnessActions.Outcome.Confirmed => TypedResults.NoContent(),
            HarnessActions.Outcome.PerformedOutsideWindow => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["performedAt"] = [$"performedAt must lie between the action's announcement and now (was {body!.PerformedAt:O})"],
            }),
            HarnessActions.Outcome.RolloutIdRequired => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["detail"] = [$"detail must be the id of the rollout the harness started for {action} (the registry's id, e.g. fashion-edge-20261128120000-2f3f8f; was '{body?.Detail}')"],
            }),
            _ => TypedResults.NotFound(new ProblemDetails
            {
                Title = "Not found",
                Detail = $"run '{id}' has no action '{action}' waiting for the harness (not due yet, already confirmed, or given up after {ActionSchedule.ActionWait.TotalSeconds} s)",
                Status = StatusCodes.Status404NotFound,
            }),
        };
    }

    private static NotFound<ProblemDetails> NoExperiment(string name, ExperimentCatalog catalog) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Not found",
        Detail = $"no experiment '{name}' in {catalog.Directory}; known: {string.Join(", ", catalog.Names())}",
        Status = StatusCodes.Status404NotFound,
    });

    private static NotFound<ProblemDetails> NoRun(string id) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Not found",
        Detail = $"no run '{id}' (runs are kept in memory until ChaosLab restarts, the last 100)",
        Status = StatusCodes.Status404NotFound,
    });
}

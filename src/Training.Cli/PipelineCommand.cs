using System.CommandLine;
using HybridInference.ModelPipeline;
using HybridInference.ModelPipeline.Registry;
using HybridInference.ModelPipeline.State;
using HybridInference.ModelPipeline.Triggers;
using HybridInference.Training.Cli.Parsing;

namespace HybridInference.Training.Cli;

/// <summary>
/// <c>pipeline</c>: runs, resumes or shows a model update run (src/ModelPipeline). Bad command lines exit 2,
/// an unreachable registry or store 3, a failed check or gate 1.
/// </summary>
internal static class PipelineCommand
{
    public const string Description = """
        Validates new labelled data, trains a candidate edge model, gates it against the registry's champion on
        held-out images, registers it with alias challenger and, with --rollout, starts its rollout. Each step's
        result is kept in the store; --resume continues a run. On a terminal a status line shows the step (and the
        epoch) running; redirected output has the log lines only. See docs/PIPELINE.md.
        """;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var run = new Command("pipeline", Description);
        var connection = new PipelineConnection(run, withRegistry: true);
        var resume = Values.Text("--resume", "RUN-ID", "continue this run with its stored options");
        run.Options.Add(resume);
        var runOptions = new PipelineRunOptions();
        runOptions.AddTo(run);
        run.SetAction(parse => Guard(error, () => RunAsync(parse, connection, parse.GetValue(resume), runOptions, output)));

        var status = new Command("status", "A run's steps and checks, from the store.");
        var statusConnection = new PipelineConnection(status, withRegistry: false);
        var id = new Argument<string[]>("RUN-ID") { Arity = ArgumentArity.ZeroOrMore, Description = "the run" };
        status.Arguments.Add(id);

        // A word the command does not know lands among the positional ones; it is named as the option it looks like.
        status.Validators.Add(result =>
        {
            if ((result.GetValue(id) ?? []).Where(w => w.StartsWith("--", StringComparison.Ordinal)).ToArray() is { Length: > 0 } unknown)
            {
                result.AddError($"unknown option(s): {string.Join(", ", unknown)}");
            }
        });
        status.SetAction(parse => Guard(error, () => StatusAsync(parse.GetValue(id) ?? [], parse, statusConnection, output)));
        run.Subcommands.Add(status);

        var watch = new Command("watch", "Starts runs by itself, on a schedule and/or when new labelled data has reached the prediction log, with the run options given; until stopped (Ctrl+C, SIGTERM).");
        var watchConnection = new PipelineConnection(watch, withRegistry: true);
        var watchOptions = new PipelineRunOptions();
        watchOptions.AddTo(watch);
        var schedule = Values.Double("--schedule-minutes", "M", "start a run every M minutes");
        var newLabelled = Values.Int("--new-labelled", "N", "start a run once N new labelled records are in the prediction log");
        var checkSeconds = Values.Double("--check-seconds", "S", "how often the triggers are checked (default 60)");
        watch.Options.Add(schedule);
        watch.Options.Add(newLabelled);
        watch.Options.Add(checkSeconds);
        watch.SetAction(parse => Guard(error, () => WatchAsync(parse, watchConnection, watchOptions, new TriggerRequest(parse.GetValue(schedule), parse.GetValue(newLabelled), parse.GetValue(checkSeconds)), output)));
        run.Subcommands.Add(watch);
        return run;
    }

    /// <summary>An invalid option value is a bad command line (exit 2); an unreachable registry or store exits 3.</summary>
    private static int Guard(TextWriter error, Func<Task<int>> work)
    {
        try
        {
            return work().GetAwaiter().GetResult();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (ex is RegistryUnavailableException or StoreUnavailableException)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine("the run's state is kept in the store when it was reachable: resume with --resume RUN-ID once the service is back");
            return PipelineExitCodes.Unavailable;
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, PipelineConnection connection, string? resume, PipelineRunOptions runOptions, TextWriter output)
    {
        var (storeAddress, prefix) = connection.Read(parse);
        if (resume is not null && runOptions.Given(parse) is { Count: > 0 } given)
        {
            throw new UsageException($"--resume continues a run with its stored options; drop {string.Join(", ", given)}");
        }

        var options = resume is null ? runOptions.Read(parse) : null;
        var registryUri = connection.Registry(parse);
        options?.Validate();
        using var http = RegistryHttp(registryUri);
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var registry = new RegistryClient(http, options?.Actor ?? "model-pipeline");
        var log = new StatusLog(new Progress(output));
        var runner = new PipelineRunner(store, registry, log.Log);
        PipelineResult result;
        try
        {
            result = options is null ? await runner.ResumeAsync(resume!) : await runner.StartAsync(options);
        }
        catch (KeyNotFoundException ex)
        {
            throw new UsageException(ex.Message);
        }
        finally
        {
            log.Done();
        }

        output.WriteLine($"run {result.Run.Id}: {result.Run.Status.ToString().ToLowerInvariant()}"
            + (result.CandidateVersion is { } v ? $", challenger v{v}" : "")
            + (result.RolloutId is { } r ? $", rollout {r}" : ""));
        if (result.RolloutId is { } id)
        {
            output.WriteLine($"rollout id: {id}");
        }

        return result.ExitCode;
    }

    /// <summary>
    /// The registry client: the operator's bearer token from <c>HI_TOKEN</c>, as <c>hi</c> sends it (registering needs
    /// models:write, the rollout rollouts:write); without one the registry answers 401 and the run says so.
    /// </summary>
    private static HttpClient RegistryHttp(Uri registry)
    {
        var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable("HI_TOKEN") is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Trim());
        }

        return http;
    }

    /// <summary>What <c>pipeline watch</c> was given for its triggers; null when not given.</summary>
    private sealed record TriggerRequest(double? ScheduleMinutes, int? NewLabelled, double? CheckSeconds);

    /// <summary>
    /// <c>pipeline watch</c>: starts runs by itself, on a schedule and/or when new labelled data has reached the
    /// prediction log, with the run options given; until stopped (Ctrl+C, SIGTERM).
    /// </summary>
    private static async Task<int> WatchAsync(ParseResult parse, PipelineConnection connection, PipelineRunOptions runOptions, TriggerRequest request, TextWriter output)
    {
        var (storeAddress, prefix) = connection.Read(parse);
        var registryUri = connection.Registry(parse);
        var options = runOptions.Read(parse);
        var trigger = new TriggerOptions
        {
            Model = options.Model,
            Schedule = request.ScheduleMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            NewLabelledRecords = request.NewLabelled,
            CheckEvery = TimeSpan.FromSeconds(request.CheckSeconds ?? 60),
        };
        if (trigger.Validate() is { Count: > 0 } errors)
        {
            throw new UsageException(string.Join("; ", errors));
        }

        options.Validate();
        using var http = RegistryHttp(registryUri);
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var log = new StatusLog(new Progress(output));
        var runner = new PipelineRunner(store, new RegistryClient(http, options.Actor), log.Log);
        var watcher = new PipelineTrigger(new TriggerStore(store), trigger, async (_, cancellationToken) =>
        {
            var result = await runner.StartAsync(options, cancellationToken);
            log.Done();
            output.WriteLine($"run {result.Run.Id}: {result.Run.Status.ToString().ToLowerInvariant()}");
            return result.Run.Id;
        }, TimeProvider.System, log.Log);

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await watcher.WatchAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.Done();
            output.WriteLine("watch stopped; the trigger state is in the store");
        }

        return PipelineExitCodes.Success;
    }

    private static async Task<int> StatusAsync(string[] ids, ParseResult parse, PipelineConnection connection, TextWriter output)
    {
        if (ids.Length != 1)
        {
            throw new UsageException("pipeline status needs a run id: pipeline status RUN-ID [--store host:port] [--key-prefix hi]");
        }

        var (storeAddress, prefix) = connection.Read(parse);
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var run = await store.GetAsync(ids[0]) ?? throw new UsageException($"pipeline run '{ids[0]}' is not in the store (key prefix '{prefix}')");
        output.WriteLine($"run {run.Id}: {run.Status.ToString().ToLowerInvariant()}, model {run.Options.Model}, data {run.Options.DataDirectory}, started {run.CreatedAt:u}, updated {run.UpdatedAt:u}");
        foreach (var step in run.Steps)
        {
            output.WriteLine($"  {step.Name,-9} {step.Status.ToString().ToLowerInvariant(),-9} {step.Summary}");
            foreach (var check in step.Checks)
            {
                output.WriteLine("      " + check);
            }
        }

        return PipelineExitCodes.Success;
    }
}

using HybridInference.ModelPipeline;
using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Registry;
using HybridInference.ModelPipeline.State;
using HybridInference.ModelPipeline.Triggers;
using HybridInference.ModelPipeline.Validation;

namespace HybridInference.Training.Cli;

/// <summary>
/// <c>pipeline</c>: runs, resumes or shows a model update run (src/ModelPipeline). Bad command lines exit 2,
/// an unreachable registry or store 3, a failed check or gate 1.
/// </summary>
internal static class PipelineCommand
{
    private static readonly HashSet<string> Flags = ["--rollout", "--shuffle-labels"];

    public static int Run(IEnumerable<string> rest, TextWriter output, TextWriter error, Func<Uri, HttpClient>? httpFactory = null)
    {
        var list = rest.ToList();
        try
        {
            return list.Count > 0 && list[0] == "status" ? StatusAsync(list.Skip(1).ToList(), output).GetAwaiter().GetResult()
                : list.Count > 0 && list[0] == "watch" ? WatchAsync(list.Skip(1).ToList(), output, httpFactory).GetAwaiter().GetResult()
                : RunAsync(list, output, httpFactory).GetAwaiter().GetResult();
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

    private static async Task<int> RunAsync(List<string> rest, TextWriter output, Func<Uri, HttpClient>? httpFactory)
    {
        var args = new CliArguments(rest, Flags);
        var (storeAddress, prefix) = StoreSettings(args);
        var registryText = args.String("--registry", Environment.GetEnvironmentVariable("services__registry__http__0") ?? "");
        var resume = args.Has("--resume") ? args.String("--resume", "") : null;
        var options = resume is null ? ReadOptions(args) : null;
        args.RejectUnknown();
        if (!Uri.TryCreate(registryText, UriKind.Absolute, out var registryUri) || registryUri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--registry must be the registry's http(s) address, e.g. http://localhost:5080 (was '{registryText}')");
        }

        if (!registryUri.AbsolutePath.EndsWith('/'))
        {
            registryUri = new Uri(registryUri + "/");
        }

        options?.Validate();
        using var http = httpFactory?.Invoke(registryUri) ?? new HttpClient { BaseAddress = registryUri, Timeout = TimeSpan.FromSeconds(30) };
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var registry = new RegistryClient(http, options?.Actor ?? "model-pipeline");
        var runner = new PipelineRunner(store, registry, output.WriteLine);
        PipelineResult result;
        try
        {
            result = options is null ? await runner.ResumeAsync(resume!) : await runner.StartAsync(options);
        }
        catch (KeyNotFoundException ex)
        {
            throw new UsageException(ex.Message);
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
    /// <c>pipeline watch</c>: starts runs by itself, on a schedule and/or when new labelled data has reached the
    /// prediction log, with the run options given; until stopped (Ctrl+C, SIGTERM).
    /// </summary>
    private static async Task<int> WatchAsync(List<string> rest, TextWriter output, Func<Uri, HttpClient>? httpFactory)
    {
        var args = new CliArguments(rest, Flags);
        var (storeAddress, prefix) = StoreSettings(args);
        var registryUri = RegistryAddress(args);
        var options = ReadOptions(args);
        var trigger = new TriggerOptions
        {
            Model = options.Model,
            Schedule = args.Has("--schedule-minutes") ? TimeSpan.FromMinutes(args.Double("--schedule-minutes", 0)) : null,
            NewLabelledRecords = args.Has("--new-labelled") ? args.Int("--new-labelled", 0) : null,
            CheckEvery = TimeSpan.FromSeconds(args.Double("--check-seconds", 60)),
        };
        args.RejectUnknown();
        if (trigger.Validate() is { Count: > 0 } errors)
        {
            throw new UsageException(string.Join("; ", errors));
        }

        options.Validate();
        using var http = httpFactory?.Invoke(registryUri) ?? new HttpClient { BaseAddress = registryUri, Timeout = TimeSpan.FromSeconds(30) };
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var runner = new PipelineRunner(store, new RegistryClient(http, options.Actor), output.WriteLine);
        var watcher = new PipelineTrigger(new TriggerStore(store), trigger, async (_, cancellationToken) =>
        {
            var result = await runner.StartAsync(options, cancellationToken);
            output.WriteLine($"run {result.Run.Id}: {result.Run.Status.ToString().ToLowerInvariant()}");
            return result.Run.Id;
        }, TimeProvider.System, output.WriteLine);

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
            output.WriteLine("watch stopped; the trigger state is in the store");
        }

        return PipelineExitCodes.Success;
    }

    private static Uri RegistryAddress(CliArguments args)
    {
        var registryText = args.String("--registry", Environment.GetEnvironmentVariable("services__registry__http__0") ?? "");
        if (!Uri.TryCreate(registryText, UriKind.Absolute, out var registryUri) || registryUri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--registry must be the registry's http(s) address, e.g. http://localhost:5080 (was '{registryText}')");
        }

        return registryUri.AbsolutePath.EndsWith('/') ? registryUri : new Uri(registryUri + "/");
    }

    private static async Task<int> StatusAsync(List<string> rest, TextWriter output)
    {
        if (rest.Count == 0 || rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("pipeline status needs a run id: pipeline status RUN-ID [--store host:port] [--key-prefix hi]");
        }

        var args = new CliArguments(rest.Skip(1), new HashSet<string>());
        var (storeAddress, prefix) = StoreSettings(args);
        args.RejectUnknown();
        await using var store = await RunStore.ConnectAsync(storeAddress, prefix);
        var run = await store.GetAsync(rest[0]) ?? throw new UsageException($"pipeline run '{rest[0]}' is not in the store (key prefix '{prefix}')");
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

    private static (string Store, string Prefix) StoreSettings(CliArguments args)
    {
        var store = args.String("--store", Environment.GetEnvironmentVariable("ConnectionStrings__store") ?? "");
        var prefix = args.String("--key-prefix", Environment.GetEnvironmentVariable("Store__KeyPrefix") ?? "hi");
        if (string.IsNullOrWhiteSpace(store))
        {
            throw new UsageException("--store host:port (or ConnectionStrings__store) is required: the run's state is kept there");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z0-9][a-z0-9:_-]*$"))
        {
            throw new UsageException($"--key-prefix must be lower-case letters, digits, ':', '_' or '-' (was '{prefix}')");
        }

        return (store, prefix);
    }

    private static PipelineOptions ReadOptions(CliArguments args)
    {
        var d = new PipelineOptions();
        var v = d.Validation;
        var g = d.Gates;
        if (!args.Has("--data"))
        {
            throw new UsageException("--data DIR is required: the folder of new labelled IDX files (or --resume RUN-ID)");
        }

        return new PipelineOptions
        {
            Model = args.String("--model", d.Model),
            DataDirectory = FullPath(args.String("--data", "")),
            TestDirectory = FullPath(args.String("--test-data", d.TestDirectory)),
            HoldoutCount = args.Int("--holdout", d.HoldoutCount),
            ReferenceDirectory = args.Has("--reference") ? FullPath(args.String("--reference", "")) : null,
            ReferenceLimit = args.Int("--reference-limit", d.ReferenceLimit),
            MergeTrainDirectory = args.Has("--merge-train") ? FullPath(args.String("--merge-train", "")) : null,
            MergeLimit = args.Int("--merge-limit", d.MergeLimit),
            Epochs = args.Int("--epochs", d.Epochs),
            Seed = args.Int("--seed", d.Seed),
            ShuffleLabels = args.Has("--shuffle-labels"),
            LabelNoise = args.Double("--label-noise", d.LabelNoise),
            Rollout = args.Has("--rollout"),
            Actor = args.String("--actor", d.Actor),
            StopAfter = args.Has("--stop-after") ? args.String("--stop-after", "") : null,
            Validation = new DataValidationOptions
            {
                MinImages = args.Int("--min-images", v.MinImages),
                MinImagesPerClass = args.Int("--min-per-class", v.MinImagesPerClass),
                MaxClassShare = args.Double("--max-class-share", v.MaxClassShare),
                MaxFlatImageShare = args.Double("--max-flat-share", v.MaxFlatImageShare),
                MaxIntensityPsi = args.Double("--max-psi", v.MaxIntensityPsi),
                MaxClassMeanDistance = args.Double("--max-class-mean-distance", v.MaxClassMeanDistance),
            },
            Gates = new GateOptions
            {
                MaxAccuracyDrop = args.Double("--max-accuracy-drop", g.MaxAccuracyDrop),
                MinClassRecall = args.Double("--min-class-recall", g.MinClassRecall),
                MaxP95LatencyMs = args.Double("--max-latency-ms", g.MaxP95LatencyMs),
            },
        };
    }

    // Stored in the run document, so a resume from another working folder still finds the data.
    private static string FullPath(string path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, Environment.CurrentDirectory);

}

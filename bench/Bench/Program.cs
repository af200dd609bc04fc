using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HybridInference.Bench.Cli;
using HybridInference.Bench.Load;
using HybridInference.Bench.Payloads;
using HybridInference.Bench.Suite;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error, new BenchCommandLine.Actions(RunAllAsync, RunMicro, RunLoadAsync), cancel.Token);

static async Task<int> RunAllAsync(BenchCommandLine.AllRequest line, CancellationToken cancellationToken)
{
    var smoke = line.Smoke;
    var options = new SuiteOptions(
        TimeSpan.FromSeconds(line.Seconds ?? (smoke ? 1 : 10)),
        TimeSpan.FromSeconds(line.Warmup ?? (smoke ? 0.3 : 2)),
        smoke, line.NoTools, line.NoAppHost);
    var report = await new AllSuite(options, Console.Out).RunAsync(cancellationToken);
    var markdown = ReportWriter.Markdown(report);
    Console.WriteLine();
    Console.WriteLine(markdown);

    var json = line.Json ?? (smoke ? null : Path.Combine(RepositoryPaths.Root, "bench", "results", "latest.json"));
    if (json is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        await File.WriteAllTextAsync(json, ReportWriter.ToJson(report), cancellationToken);
        Console.WriteLine($"wrote {json}");
    }

    var doc = line.Markdown ?? (smoke ? null : Path.Combine(RepositoryPaths.Root, "docs", "BENCHMARKS.md"));
    if (doc is not null)
    {
        var existing = File.Exists(doc) ? await File.ReadAllTextAsync(doc, cancellationToken) : "# Benchmarks\n";
        await File.WriteAllTextAsync(doc, ReportWriter.ReplaceSection(existing, markdown), cancellationToken);
        Console.WriteLine($"wrote {doc}");
    }

    return 0;
}

static int RunMicro(bool smoke, string[] rest)
{
    // The smoke run executes each benchmark once in this process: it proves they run, it measures nothing.
    IConfig config = smoke
        ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
        : DefaultConfig.Instance;
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllSuite).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static async Task<int> RunLoadAsync(BenchCommandLine.LoadRequest line, CancellationToken cancellationToken)
{
    var options = new LoadOptions(line.Concurrency, TimeSpan.FromSeconds(line.Seconds), TimeSpan.FromSeconds(line.Warmup), line.Rate);
    using ILoadTarget target = line.Kind switch
    {
        "get" => new HttpTarget($"GET {line.Url}", line.Url, line.Concurrency),
        "json" => new HttpTarget($"POST {line.Url}", line.Url, line.Concurrency, TestImages.Load().JsonRequest()),
        "grpc" => new GrpcInferTarget($"gRPC {line.Url}", line.Url, TestImages.Load().GrpcRequest(line.Model ?? "fashion-edge")),
        _ => throw new ArgumentException($"unknown load kind '{line.Kind}'"),
    };
    var result = await LoadGenerator.RunAsync(target, options, cancellationToken);
    Console.WriteLine($"{result} (load average {MachineInfo.LoadAverage():0.0})");
    return result.Failed ? 1 : 0;
}

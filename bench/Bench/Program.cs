using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HybridInference.Bench.Cli;
using HybridInference.Bench.Load;
using HybridInference.Bench.Payloads;
using HybridInference.Bench.Suite;

const string Usage = """
    usage:
      bench all [--seconds N] [--warmup N] [--smoke] [--no-tools] [--no-apphost] [--json PATH] [--markdown PATH]
          starts the services as plain processes and measures issue 9's table; writes docs/BENCHMARKS.md (between
          its markers) and bench/results/latest.json unless --smoke (which writes only what --json/--markdown name)
      bench micro [--smoke] [BenchmarkDotNet arguments, e.g. --filter *Onnx*]
          BenchmarkDotNet: ONNX Runtime batch 1/64, OIP JSON parse/serialise, the routing decision
      bench load <get|json|grpc> <url> [--model NAME] [--concurrency N] [--seconds N] [--warmup N] [--rate R]
          this project's load generator against a running service (json/grpc send the first test image)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    switch (args[0])
    {
        case "all":
            return await RunAllAsync(new BenchArguments(args[1..], new HashSet<string> { "--smoke", "--no-tools", "--no-apphost" }), cancel.Token);
        case "micro":
            return RunMicro(args[1..]);
        case "load":
            return await RunLoadAsync(new BenchArguments(args[1..], new HashSet<string>()), cancel.Token);
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'{Environment.NewLine}{Usage}");
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}{Environment.NewLine}{Usage}");
    return 2;
}

static async Task<int> RunAllAsync(BenchArguments line, CancellationToken cancellationToken)
{
    var smoke = line.Has("--smoke");
    var options = new SuiteOptions(
        TimeSpan.FromSeconds(line.Number("--seconds", smoke ? 1 : 10)),
        TimeSpan.FromSeconds(line.Number("--warmup", smoke ? 0.3 : 2)),
        smoke, line.Has("--no-tools"), line.Has("--no-apphost"));
    var report = await new AllSuite(options, Console.Out).RunAsync(cancellationToken);
    var markdown = ReportWriter.Markdown(report);
    Console.WriteLine();
    Console.WriteLine(markdown);

    var json = line.Text("--json") ?? (smoke ? null : Path.Combine(RepositoryPaths.Root, "bench", "results", "latest.json"));
    if (json is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        await File.WriteAllTextAsync(json, ReportWriter.ToJson(report), cancellationToken);
        Console.WriteLine($"wrote {json}");
    }

    var doc = line.Text("--markdown") ?? (smoke ? null : Path.Combine(RepositoryPaths.Root, "docs", "BENCHMARKS.md"));
    if (doc is not null)
    {
        var existing = File.Exists(doc) ? await File.ReadAllTextAsync(doc, cancellationToken) : "# Benchmarks\n";
        await File.WriteAllTextAsync(doc, ReportWriter.ReplaceSection(existing, markdown), cancellationToken);
        Console.WriteLine($"wrote {doc}");
    }

    return 0;
}

static int RunMicro(string[] args)
{
    var smoke = args.Contains("--smoke");
    var rest = args.Where(a => a != "--smoke").ToArray();

    // The smoke run executes each benchmark once in this process: it proves they run, it measures nothing.
    IConfig config = smoke
        ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
        : DefaultConfig.Instance;
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllSuite).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static async Task<int> RunLoadAsync(BenchArguments line, CancellationToken cancellationToken)
{
    if (line.Positional.Count != 2)
    {
        throw new ArgumentException("load needs a kind (get, json or grpc) and a URL");
    }

    var (kind, url) = (line.Positional[0], new Uri(line.Positional[1]));
    var concurrency = (int)line.Number("--concurrency", 32);
    var options = new LoadOptions(concurrency, TimeSpan.FromSeconds(line.Number("--seconds", 10)), TimeSpan.FromSeconds(line.Number("--warmup", 2)),
        line.Text("--rate") is null ? null : line.Number("--rate", 1));
    using ILoadTarget target = kind switch
    {
        "get" => new HttpTarget($"GET {url}", url, concurrency),
        "json" => new HttpTarget($"POST {url}", url, concurrency, TestImages.Load().JsonRequest()),
        "grpc" => new GrpcInferTarget($"gRPC {url}", url, TestImages.Load().GrpcRequest(line.Text("--model") ?? "fashion-edge")),
        _ => throw new ArgumentException($"unknown load kind '{kind}'"),
    };
    var result = await LoadGenerator.RunAsync(target, options, cancellationToken);
    Console.WriteLine($"{result} (load average {MachineInfo.LoadAverage():0.0})");
    return result.Failed ? 1 : 0;
}

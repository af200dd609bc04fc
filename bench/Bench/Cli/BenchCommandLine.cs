using System.CommandLine;
using System.Globalization;

namespace HybridInference.Bench.Cli;

/// <summary>
/// <c>bench</c>'s command tree (System.CommandLine): <c>all</c>, <c>micro</c> (the rest of the line goes to
/// BenchmarkDotNet), <c>load</c>. Exit codes: 0 done, 1 a benchmark or load run failed, 2 a bad command line
/// (System.CommandLine's message, naming the option or value, then the usage); no arguments prints the usage
/// and exits 2, <c>--help</c> exits 0.
/// </summary>
internal static class BenchCommandLine
{
    public const string Usage = """
        usage:
          bench all [--seconds N] [--warmup N] [--smoke] [--no-tools] [--no-apphost] [--json PATH] [--markdown PATH]
              starts the services as plain processes and measures issue 9's table; writes docs/BENCHMARKS.md (between
              its markers) and bench/results/latest.json unless --smoke (which writes only what --json/--markdown name)
          bench micro [--smoke] [BenchmarkDotNet arguments, e.g. --filter *Onnx*]
              BenchmarkDotNet: ONNX Runtime batch 1/64, OIP JSON parse/serialise, the routing decision
          bench load <get|json|grpc> <url> [--model NAME] [--concurrency N] [--seconds N] [--warmup N] [--rate R]
              this project's load generator against a running service (json/grpc send the first test image)
        """;

    /// <summary>What <c>bench all</c> was asked for; null numbers take the suite's defaults.</summary>
    public sealed record AllRequest(double? Seconds, double? Warmup, bool Smoke, bool NoTools, bool NoAppHost, string? Json, string? Markdown);

    /// <summary>What <c>bench load</c> was asked for.</summary>
    public sealed record LoadRequest(string Kind, Uri Url, string? Model, int Concurrency, double Seconds, double Warmup, double? Rate);

    /// <summary>The actions the commands run: the real ones in Program.cs, recording ones in tests.</summary>
    public sealed record Actions(Func<AllRequest, CancellationToken, Task<int>> All, Func<bool, string[], int> Micro, Func<LoadRequest, CancellationToken, Task<int>> Load);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Actions actions, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var result = Build(actions).Parse(args);
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            await error.WriteLineAsync($"{string.Join(Environment.NewLine, result.Errors.Select(e => e.Message).Distinct())}{Environment.NewLine}{Usage}");
            return 2;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
    }

    private static RootCommand Build(Actions actions)
    {
        var root = new RootCommand("Benchmarks (issue 9): BenchmarkDotNet micro-benchmarks, a load generator, and 'all', the issue's table.\n" + Usage);
        var seconds = Positive("--seconds", "N", "seconds measured per row (default 10, --smoke 1)");
        var warmup = Positive("--warmup", "N", "seconds of warm-up per row (default 2, --smoke 0.3)");
        var smoke = new Option<bool>("--smoke") { Description = "a short run that proves the suite works; measures nothing worth keeping" };
        var noTools = new Option<bool>("--no-tools") { Description = "skip the rows that need external load tools" };
        var noAppHost = new Option<bool>("--no-apphost") { Description = "skip the row through the Aspire AppHost" };
        var json = new Option<string>("--json") { HelpName = "PATH", Description = "where the JSON results go (default bench/results/latest.json unless --smoke)" };
        var markdown = new Option<string>("--markdown") { HelpName = "PATH", Description = "the Markdown file whose section is replaced (default docs/BENCHMARKS.md unless --smoke)" };
        var all = new Command("all", "start the services as plain processes and measure issue 9's table") { seconds, warmup, smoke, noTools, noAppHost, json, markdown };
        all.SetAction((parse, ct) => actions.All(new AllRequest(parse.GetValue(seconds), parse.GetValue(warmup), parse.GetValue(smoke), parse.GetValue(noTools),
            parse.GetValue(noAppHost), parse.GetValue(json), parse.GetValue(markdown)), ct));

        var microSmoke = new Option<bool>("--smoke") { Description = "run each benchmark once in this process: proves they run, measures nothing" };
        var micro = new Command("micro", "BenchmarkDotNet; other arguments (e.g. --filter *Onnx*) are BenchmarkDotNet's") { microSmoke };
        micro.TreatUnmatchedTokensAsErrors = false;
        micro.SetAction(parse => actions.Micro(parse.GetValue(microSmoke), [.. parse.UnmatchedTokens]));

        var kind = new Argument<string>("kind") { Description = "get, json or grpc" };
        kind.AcceptOnlyFromAmong("get", "json", "grpc");
        var url = new Argument<Uri>("url")
        {
            Description = "the service's endpoint",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
                {
                    return address;
                }

                r.AddError($"url must be an absolute http(s) URL, not '{text}'");
                return null;
            },
        };
        var model = new Option<string>("--model") { HelpName = "NAME", Description = "the model a grpc load infers with (default fashion-edge)" };
        var concurrency = Positive("--concurrency", "N", "requests in flight (default 32)");
        var loadSeconds = Positive("--seconds", "N", "seconds measured (default 10)");
        var loadWarmup = Positive("--warmup", "N", "seconds of warm-up (default 2)");
        var rate = Positive("--rate", "R", "requests per second (default: as fast as the concurrency allows)");
        var load = new Command("load", "this project's load generator against a running service") { kind, url, model, concurrency, loadSeconds, loadWarmup, rate };
        load.SetAction((parse, ct) => actions.Load(new LoadRequest(parse.GetValue(kind)!, parse.GetValue(url)!, parse.GetValue(model), (int)(parse.GetValue(concurrency) ?? 32),
            parse.GetValue(loadSeconds) ?? 10, parse.GetValue(loadWarmup) ?? 2, parse.GetValue(rate)), ct));

        // A root with an action: a word that is no command is then named as such, not hidden behind "command required".
        root.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine(Usage);
            return 2;
        });
        root.Subcommands.Add(all);
        root.Subcommands.Add(micro);
        root.Subcommands.Add(load);
        return root;
    }

    private static Option<double?> Positive(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            r.AddError($"{name} takes a positive number, not '{text}'");
            return null;
        },
    };
}

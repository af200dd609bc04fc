using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HybridInference.Bench.Load;

namespace HybridInference.Bench.Suite;

/// <summary>
/// The same loads through Debian's wrk (HTTP/1.1, one thread, a connection per concurrent request) and h2load
/// (HTTP/2 with prior knowledge for gRPC), so that nobody has to trust this project's load generator. Each
/// returns null when the tool is not installed. h2load reports no percentiles: its mean is given as p50 and
/// the others as NaN; it checks HTTP status only, not grpc-status, which the project's own gRPC run checks.
/// </summary>
public static partial class ExternalTools
{
    public static bool Installed(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    public static async Task<LoadResult?> WrkAsync(string name, Uri url, int connections, LoadOptions options, byte[]? jsonBody, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Installed("wrk"))
        {
            return null;
        }

        List<string> common = ["-t1", $"-c{connections}", "--timeout", "10s"];
        if (jsonBody is not null)
        {
            var body = Path.Combine(workDirectory, FileName(name) + ".json");
            await File.WriteAllBytesAsync(body, jsonBody, cancellationToken).ConfigureAwait(false);
            var script = Path.Combine(workDirectory, FileName(name) + ".lua");
            await File.WriteAllTextAsync(script, $"""
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                local f = io.open("{body}", "rb"); wrk.body = f:read("*a"); f:close()
                """, cancellationToken).ConfigureAwait(false);
            common.AddRange(["-s", script]);
        }

        if (options.WarmUp > TimeSpan.Zero)
        {
            await RunAsync("wrk", [.. common, $"-d{Seconds(options.WarmUp)}s", url.ToString()], cancellationToken).ConfigureAwait(false);
        }

        var output = await RunAsync("wrk", [.. common, "--latency", $"-d{Seconds(options.Duration)}s", url.ToString()], cancellationToken).ConfigureAwait(false);
        var rps = Number(RequestsPerSecond().Match(output));
        var requests = (long)Number(RequestsLine().Match(output));
        var errors = (long)Number(NonSuccess().Match(output)) + SocketErrors(output);
        return new LoadResult(name, "wrk", connections, Seconds(options.Duration), requests - errors, errors, rps,
            Latency(output, "50%"), double.NaN, Latency(output, "99%"), double.NaN);
    }

    public static async Task<LoadResult?> H2LoadGrpcAsync(string name, Uri address, string method, int connections, int streams, byte[] grpcFrame, LoadOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Installed("h2load"))
        {
            return null;
        }

        var body = Path.Combine(workDirectory, FileName(name) + ".grpc");
        await File.WriteAllBytesAsync(body, grpcFrame, cancellationToken).ConfigureAwait(false);
        List<string> common = ["-c", connections.ToString(CultureInfo.InvariantCulture), "-m", streams.ToString(CultureInfo.InvariantCulture), "-d", body,
            "-H", "content-type: application/grpc", "-H", "te: trailers", new Uri(address, "/inference.GRPCInferenceService/" + method).ToString()];
        if (options.WarmUp > TimeSpan.Zero)
        {
            await RunAsync("h2load", ["-D", Seconds(options.WarmUp).ToString(CultureInfo.InvariantCulture), .. common], cancellationToken).ConfigureAwait(false);
        }

        var output = await RunAsync("h2load", ["-D", Seconds(options.Duration).ToString(CultureInfo.InvariantCulture), .. common], cancellationToken).ConfigureAwait(false);
        var finished = H2Finished().Match(output);
        var summary = H2Requests().Match(output);
        var mean = H2Mean().Match(output);
        var succeeded = (long)Number(summary, "ok");
        var errors = (long)(Number(summary, "failed") + Number(summary, "errored"));
        return new LoadResult(name, "h2load", connections * streams, Seconds(options.Duration), succeeded, errors, Number(finished, "rps"),
            mean.Success ? ToMs(mean.Groups["v"].Value, mean.Groups["u"].Value) : double.NaN, double.NaN, double.NaN, double.NaN);
    }

    private static string FileName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>wrk and h2load take whole seconds; at least one.</summary>
    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Round(span.TotalSeconds));

    private static async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {output}");
    }

    private static long SocketErrors(string output)
    {
        var match = WrkSocketErrors().Match(output);
        return match.Success ? match.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+(?<v>[\d.]+)(?<u>us|ms|s)\s*$", RegexOptions.Multiline);
        return match.Success ? ToMs(match.Groups["v"].Value, match.Groups["u"].Value) : double.NaN;
    }

    private static double ToMs(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "us" => v / 1000, "ms" => v, _ => v * 1000 };
    }

    private static double Number(Match match, string group = "v") =>
        match.Success ? double.Parse(match.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"Requests/sec:\s+(?<v>[\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(?<v>\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(?<v>\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex WrkSocketErrors();

    [GeneratedRegex(@"finished in [\d.]+m?s, (?<rps>[\d.]+) req/s")]
    private static partial Regex H2Finished();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<ok>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex H2Requests();

    [GeneratedRegex(@"time for request:\s+\S+\s+\S+\s+(?<v>[\d.]+)(?<u>us|ms|s)")]
    private static partial Regex H2Mean();
}

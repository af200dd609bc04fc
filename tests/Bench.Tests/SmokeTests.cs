using System.Diagnostics;
using System.Text.Json;
using HybridInference.Bench.Suite;

namespace HybridInference.Bench.Tests;

/// <summary>
/// CI's guard against the benchmarks rotting: `all --smoke` starts the real services and runs every line for a
/// second, and `micro --smoke` runs each BenchmarkDotNet benchmark once. Speed is not asserted; completeness is.
/// </summary>
public class SmokeTests
{
    [Fact]
    public async Task All_smoke_measures_every_line_of_the_table_without_errors_and_writes_it()
    {
        var directory = Directory.CreateTempSubdirectory("bench-smoke-");
        try
        {
            var json = Path.Combine(directory.FullName, "latest.json");
            var markdown = Path.Combine(directory.FullName, "BENCHMARKS.md");
            await File.WriteAllTextAsync(markdown, $"# Benchmarks\n\nkept\n\n{ReportWriter.Begin}\nold\n{ReportWriter.End}\n");

            var (code, output) = await RunBenchAsync(["all", "--smoke", "--json", json, "--markdown", markdown], TimeSpan.FromMinutes(3));

            Assert.True(code == 0, output);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var lines = report.RootElement.GetProperty("lines").EnumerateArray().ToArray();
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], lines.Select(l => l.GetProperty("number").GetInt32()));
            foreach (var load in lines.SelectMany(l => l.GetProperty("loads").EnumerateArray()))
            {
                Assert.True(load.GetProperty("requests").GetInt64() > 0, load.ToString());
                Assert.Equal(0, load.GetProperty("errors").GetInt64());
            }

            Assert.Contains("edge-1", report.RootElement.GetProperty("memory").EnumerateObject().Select(p => p.Name));
            var doc = await File.ReadAllTextAsync(markdown);
            Assert.StartsWith("# Benchmarks\n\nkept\n", doc, StringComparison.Ordinal);
            Assert.DoesNotContain("\nold\n", doc, StringComparison.Ordinal);
            Assert.Contains("| 8 |", doc, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Micro_smoke_runs_every_benchmark_once()
    {
        var (code, output) = await RunBenchAsync(["micro", "--smoke"], TimeSpan.FromMinutes(3));

        Assert.True(code == 0, output);
        foreach (var benchmark in new[] { "Batch1", "Batch64PerImage", "ParseRequest784", "SerialiseRequest784", "SerialiseResponse10", "PlanAndJudge", "PlanAndJudgeWithHealthRules" })
        {
            Assert.Contains(benchmark, output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Code, string Output)> RunBenchAsync(string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bench.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bench {string.Join(' ', args)} ran past {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Cli.Parsing;

namespace HybridInference.Cli;

/// <summary>The chaos commands' exchanges with ChaosLab (at <c>--chaoslab</c>, else HI_CHAOSLAB) and what each prints.</summary>
internal sealed class ChaosRequests(CliContext context, string? chaosLabOption)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public Task<int> ListAsync(CancellationToken ct) => CallAsync((client, c) => client.ShowAsync(HttpMethod.Get, "/api/experiments", null, body =>
        string.Concat(JsonSerializer.Deserialize<string[]>(body)!.Select(n => n + "\n")), c), ct);

    public Task<int> ReportAsync(string run, CancellationToken ct) =>
        CallAsync((client, c) => client.ShowAsync(HttpMethod.Get, $"/api/experiments/runs/{Uri.EscapeDataString(run)}/report.md", null, body => body, c), ct);

    public Task<int> ConfirmAsync(string run, string action, string? detail, CancellationToken ct) => CallAsync((client, c) => client.ShowAsync(HttpMethod.Post,
        $"/api/experiments/runs/{Uri.EscapeDataString(run)}/actions/{Uri.EscapeDataString(action)}",
        JsonContent.Create(new Dictionary<string, object?> { ["performedAt"] = context.Time.GetUtcNow(), ["detail"] = detail }),
        _ => $"confirmed {action} of run {run}\n", c), ct);

    public Task<int> FaultsAsync(CancellationToken ct) => CallAsync((client, c) => client.ShowAsync(HttpMethod.Get, "/api/faults", null, FaultTable.Format, c), ct);

    public Task<int> ClearFaultsAsync(CancellationToken ct) => CallAsync((client, c) => client.ShowAsync(HttpMethod.Delete, "/api/faults", null, body =>
        $"cleared {JsonDocument.Parse(body).RootElement.GetProperty("cleared").GetInt32()} fault(s)\n", c), ct);

    public Task<int> RunAsync(string name, bool noWait, CancellationToken ct) => CallAsync((client, c) => FollowAsync(client, name, noWait, c), ct);

    private async Task<int> CallAsync(Func<ChaosLabHttp, CancellationToken, Task<int>> call, CancellationToken ct)
    {
        var baseText = chaosLabOption ?? context.ChaosLabFromEnvironment;
        if (string.IsNullOrWhiteSpace(baseText))
        {
            await context.Error.WriteLineAsync($"ChaosLab's address is needed: --chaoslab URL or $HI_CHAOSLAB (its port is on the dashboard)\n{ChaosCommands.Usage}");
            return ExitCodes.BadUsage;
        }

        if (Values.HttpUrl(baseText, "ChaosLab", out var problem) is not { } chaos)
        {
            await context.Error.WriteLineAsync($"{problem}\n{ChaosCommands.Usage}");
            return ExitCodes.BadUsage;
        }

        try
        {
            return await call(new ChaosLabHttp(context, chaos), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await context.Progress.ClearAsync();
            await context.Error.WriteLineAsync($"ChaosLab at {chaos} could not be reached: {ex.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await context.Progress.ClearAsync();
            await context.Error.WriteLineAsync($"{chaos} answered, but not as ChaosLab does ({ex.Message}); is it ChaosLab?");
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>
    /// Starts a run and prints its timeline as it grows, the actions due for the harness, then the Markdown report;
    /// on a terminal a status line (elapsed time, events so far) is rewritten between the timeline's lines.
    /// </summary>
    private async Task<int> FollowAsync(ChaosLabHttp client, string name, bool noWait, CancellationToken ct)
    {
        var (output, progress) = (context.Output, context.Progress);
        var (status, body) = await client.SendAsync(HttpMethod.Post, $"/api/experiments/{Uri.EscapeDataString(name)}/run", null, ct);
        if (status >= 300)
        {
            return await client.RefusedAsync(status, body);
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        await output.WriteLineAsync($"run {id} of {name} started");
        if (noWait)
        {
            return ExitCodes.Ok;
        }

        var printed = 0;
        var started = context.Time.GetTimestamp();
        var announced = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await Task.Delay(Poll, context.Time, ct);
            (status, body) = await client.SendAsync(HttpMethod.Get, $"/api/experiments/runs/{id}", null, ct);
            if (status >= 300)
            {
                await progress.ClearAsync();
                return await client.RefusedAsync(status, body);
            }

            var report = JsonDocument.Parse(body).RootElement;
            var timeline = report.GetProperty("timeline").EnumerateArray().ToList();
            foreach (var e in timeline.Skip(printed))
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{e.GetProperty("atMs").GetDouble() / 1000,7:0.0} s  {e.GetProperty("event").GetString()}: {e.GetProperty("detail").GetString()}"));
            }

            printed = timeline.Count;
            foreach (var action in report.GetProperty("pendingActions").EnumerateArray())
            {
                var actionId = action.GetProperty("id").GetString()!;
                if (announced.Add(actionId))
                {
                    await progress.WriteLineAsync($"ACTION DUE: {actionId} ({action.GetProperty("kind").GetString()}): take it now, then: hi chaos confirm {id} {actionId}");
                }
            }

            var state = report.GetProperty("status").GetString();
            if (state != "running")
            {
                await progress.ClearAsync();
                (_, body) = await client.SendAsync(HttpMethod.Get, $"/api/experiments/runs/{id}/report.md", null, ct);
                await output.WriteLineAsync();
                await output.WriteAsync(body);
                if (state == "passed")
                {
                    return ExitCodes.Ok;
                }

                await context.Error.WriteLineAsync($"run {id} of {name} ended {state}");
                return ExitCodes.Refused;
            }

            await progress.ShowAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {id}: {state}, {context.Time.GetElapsedTime(started).TotalSeconds:0} s, {printed} events"));
        }
    }

    /// <summary>The faults ChaosLab lists, as a table.</summary>
    private static class FaultTable
    {
        public static string Format(string body)
        {
            var faults = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
            if (faults.Count == 0)
            {
                return "no active faults\n";
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{"id",-24} {"kind",-16} {"target",-34} {"rate",5} expires");
            foreach (var f in faults)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{f.GetProperty("id").GetString(),-24} {f.GetProperty("kind").GetString(),-16} {f.GetProperty("target").GetString(),-34} {f.GetProperty("rate").GetDouble(),5:0.##} {f.GetProperty("expiresAt").GetDateTimeOffset():O}");
            }

            return text.ToString();
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi chaos ...</c> against ChaosLab's API: experiments (list, run and follow, report, confirm a harness action) and
/// faults (list, clear). Exit codes: 0 done (a run: passed), 1 refused by ChaosLab or a run that did not pass,
/// 2 a bad command line, 3 ChaosLab could not be reached.
/// </summary>
public static class ChaosCommands
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadUsage = 2;
    public const int Unreachable = 3;

    public const string Usage = """
        usage: hi chaos list
               hi chaos run NAME [--no-wait true]
               hi chaos report RUN
               hi chaos confirm RUN ACTION [--detail TEXT]
               hi chaos faults list
               hi chaos faults clear
          every command also takes:
               --chaoslab URL   ChaosLab (default $HI_CHAOSLAB; its port is on the dashboard, the orchestrator picks it)

          'run' starts experiments/NAME.json and follows it: the timeline as it grows, then the report. An action
          ChaosLab cannot take itself (kill or start a resource, a model update) is printed when due: take it, then
          'hi chaos confirm RUN ACTION' within 15 s. Exit codes: 0 done (a run: passed), 1 refused by ChaosLab or
          a run that failed or stopped, 2 bad command line, 3 ChaosLab unreachable.
        """;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, HttpClient http, string? chaosLabFromEnvironment, TimeProvider? time = null)
    {
        if (args.Count > 0 && args[0] is "help" or "--help" or "-h")
        {
            await error.WriteLineAsync(Usage);
            return Ok;
        }

        var command = args.Count switch
        {
            0 => "",
            > 1 when args[0] == "faults" => "faults " + args[1],
            _ => args[0],
        };
        string[] known = command switch
        {
            "run" => ["--chaoslab", "--no-wait"],
            "confirm" => ["--chaoslab", "--detail"],
            "list" or "report" or "faults list" or "faults clear" => ["--chaoslab"],
            _ => [],
        };
        if (known.Length == 0)
        {
            return await BadAsync(error, command.Length == 0 ? "missing the chaos command" : $"unknown chaos command '{command}'");
        }

        if (CommandOptions.Parse(args.Skip(command.StartsWith("faults", StringComparison.Ordinal) ? 2 : 1).ToList(), known, out var problem) is not { } options)
        {
            return await BadAsync(error, problem);
        }

        var wanted = command switch { "run" or "report" => 1, "confirm" => 2, _ => 0 };
        if (options.Positional.Count != wanted)
        {
            return await BadAsync(error, $"'{command}' takes {wanted switch { 0 => "no arguments", 1 => command == "run" ? "an experiment name" : "a run id", _ => "a run id and an action id" }} (got '{string.Join(' ', options.Positional)}')");
        }

        if (options["--no-wait"] is { } noWait && noWait is not ("true" or "false"))
        {
            return await BadAsync(error, $"--no-wait takes true or false, got '{noWait}'");
        }

        var baseText = options["--chaoslab"] ?? chaosLabFromEnvironment;
        if (string.IsNullOrWhiteSpace(baseText))
        {
            return await BadAsync(error, "ChaosLab's address is needed: --chaoslab URL or $HI_CHAOSLAB (its port is on the dashboard)");
        }

        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var chaos) || chaos.Scheme is not ("http" or "https"))
        {
            return await BadAsync(error, $"ChaosLab must be an absolute http(s) URL, got '{baseText}'");
        }

        var client = new Client(http, chaos, error);
        try
        {
            return command switch
            {
                "list" => await client.ShowAsync(HttpMethod.Get, "/api/experiments", null, output, body =>
                    string.Concat(JsonSerializer.Deserialize<string[]>(body)!.Select(n => n + "\n"))),
                "report" => await client.ShowAsync(HttpMethod.Get, $"/api/experiments/runs/{Uri.EscapeDataString(options.Positional[0])}/report.md", null, output, body => body),
                "confirm" => await client.ShowAsync(HttpMethod.Post,
                    $"/api/experiments/runs/{Uri.EscapeDataString(options.Positional[0])}/actions/{Uri.EscapeDataString(options.Positional[1])}",
                    JsonContent.Create(new Dictionary<string, object?> { ["performedAt"] = (time ?? TimeProvider.System).GetUtcNow(), ["detail"] = options["--detail"] }),
                    output, _ => $"confirmed {options.Positional[1]} of run {options.Positional[0]}\n"),
                "faults list" => await client.ShowAsync(HttpMethod.Get, "/api/faults", null, output, FaultTable),
                "faults clear" => await client.ShowAsync(HttpMethod.Delete, "/api/faults", null, output, body =>
                    $"cleared {JsonDocument.Parse(body).RootElement.GetProperty("cleared").GetInt32()} fault(s)\n"),
                _ => await FollowAsync(client, options.Positional[0], options["--no-wait"] == "true", output, time ?? TimeProvider.System),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"ChaosLab at {chaos} could not be reached: {ex.Message}");
            return Unreachable;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"{chaos} answered, but not as ChaosLab does ({ex.Message}); is it ChaosLab?");
            return Unreachable;
        }
    }

    /// <summary>Starts a run and prints its timeline as it grows, the actions due for the harness, then the Markdown report.</summary>
    private static async Task<int> FollowAsync(Client client, string name, bool noWait, TextWriter output, TimeProvider time)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Post, $"/api/experiments/{Uri.EscapeDataString(name)}/run", null);
        if (status >= 300)
        {
            return await client.RefusedAsync(status, body);
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        await output.WriteLineAsync($"run {id} of {name} started");
        if (noWait)
        {
            return Ok;
        }

        var printed = 0;
        var announced = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await Task.Delay(Poll, time);
            (status, body) = await client.SendAsync(HttpMethod.Get, $"/api/experiments/runs/{id}", null);
            if (status >= 300)
            {
                return await client.RefusedAsync(status, body);
            }

            var report = JsonDocument.Parse(body).RootElement;
            var timeline = report.GetProperty("timeline").EnumerateArray().ToList();
            foreach (var e in timeline.Skip(printed))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{e.GetProperty("atMs").GetDouble() / 1000,7:0.0} s  {e.GetProperty("event").GetString()}: {e.GetProperty("detail").GetString()}"));
            }

            printed = timeline.Count;
            foreach (var action in report.GetProperty("pendingActions").EnumerateArray())
            {
                var actionId = action.GetProperty("id").GetString()!;
                if (announced.Add(actionId))
                {
                    await output.WriteLineAsync($"ACTION DUE: {actionId} ({action.GetProperty("kind").GetString()}): take it now, then: hi chaos confirm {id} {actionId}");
                }
            }

            var state = report.GetProperty("status").GetString();
            if (state != "running")
            {
                (status, body) = await client.SendAsync(HttpMethod.Get, $"/api/experiments/runs/{id}/report.md", null);
                await output.WriteLineAsync();
                await output.WriteAsync(body);
                if (state == "passed")
                {
                    return Ok;
                }

                await client.Error.WriteLineAsync($"run {id} of {name} ended {state}");
                return Refused;
            }
        }
    }

    private static string FaultTable(string body)
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

    private static async Task<int> BadAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"{problem}\n{Usage}");
        return BadUsage;
    }

    /// <summary>ChaosLab's API as the commands use it.</summary>
    private sealed class Client(HttpClient http, Uri chaos, TextWriter error)
    {
        public TextWriter Error => error;

        public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content)
        {
            using var request = new HttpRequestMessage(method, new Uri(chaos, path)) { Content = content };
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<int> ShowAsync(HttpMethod method, string path, HttpContent? content, TextWriter output, Func<string, string> format)
        {
            var (status, body) = await SendAsync(method, path, content);
            if (status >= 300)
            {
                return await RefusedAsync(status, body);
            }

            await output.WriteAsync(format(body));
            return Ok;
        }

        public async Task<int> RefusedAsync(int status, string body)
        {
            await error.WriteLineAsync($"ChaosLab refused ({status}): {Detail(body)}");
            return Refused;
        }

        /// <summary>The problem's detail, or each field's errors of a validation problem, else the body.</summary>
        private static string Detail(string body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return body;
                }

                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    return string.Join("; ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
                }

                return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()! : body;
            }
            catch (JsonException)
            {
                return body.Length == 0 ? "(no message)" : body;
            }
        }
    }
}

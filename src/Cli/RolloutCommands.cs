using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi rollouts ...</c> against the registry's rollout API. Exit codes: 0 done, 1 the registry refused
/// (its message is printed), 2 a bad command line, 3 the registry could not be reached.
/// </summary>
public static class RolloutCommands
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadUsage = 2;
    public const int Unreachable = 3;

    /// <summary>The registry's development address (the AppHost's fixed port for it).</summary>
    public const string DefaultRegistry = "http://localhost:8090";

    public const string Usage = """
        usage: hi rollouts list
               hi rollouts status ID
               hi rollouts start --model M --candidate N [--steps 5,25,50,100] [--interval S] [--reason R]
               hi rollouts pause|resume|promote|abort ID [--reason R]
          every command also takes:
               --registry URL   the registry (default $HI_REGISTRY, else http://localhost:8090)
               --actor NAME     who acts, recorded in the audit trail (default: your user name)

          Exit codes: 0 done, 1 refused by the registry (its message is printed), 2 bad command line,
          3 registry unreachable. The page http://<registry>/rollouts/ID shows the same state with plots.
        """;

    private static readonly string[] Commands = ["list", "status", "start", "pause", "resume", "promote", "abort"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, HttpClient http, string? registryFromEnvironment)
    {
        if (args.Count > 0 && args[0] is "help" or "--help" or "-h")
        {
            await error.WriteLineAsync(Usage);
            return Ok;
        }

        if (args.Count == 0 || !Commands.Contains(args[0]))
        {
            return await BadAsync(error, args.Count == 0 ? "missing the rollouts command" : $"unknown rollouts command '{args[0]}'");
        }

        var command = args[0];
        string[] known = command switch
        {
            "start" => ["--registry", "--actor", "--model", "--candidate", "--steps", "--interval", "--reason"],
            "list" or "status" => ["--registry", "--actor"],
            _ => ["--registry", "--actor", "--reason"],
        };
        if (CommandOptions.Parse(args.Skip(1).ToList(), known, out var problem) is not { } options)
        {
            return await BadAsync(error, problem);
        }

        var wantedIds = command is "list" or "start" ? 0 : 1;
        if (options.Positional.Count != wantedIds)
        {
            return await BadAsync(error, wantedIds == 0
                ? $"'{command}' takes no rollout id (got '{string.Join(' ', options.Positional)}')"
                : options.Positional.Count == 0 ? $"'{command}' needs a rollout id" : $"'{command}' takes one rollout id, got {options.Positional.Count}");
        }

        var registryText = options["--registry"] ?? (string.IsNullOrWhiteSpace(registryFromEnvironment) ? DefaultRegistry : registryFromEnvironment);
        if (!Uri.TryCreate(registryText, UriKind.Absolute, out var registry) || registry.Scheme is not ("http" or "https"))
        {
            return await BadAsync(error, $"the registry must be an absolute http(s) URL, got '{registryText}'");
        }

        var actor = options["--actor"] ?? Environment.UserName;
        var id = wantedIds == 1 ? Uri.EscapeDataString(options.Positional[0]) : "";
        HttpRequestMessage request;
        switch (command)
        {
            case "list":
                request = new(HttpMethod.Get, new Uri(registry, "/api/rollouts"));
                break;
            case "status":
                request = new(HttpMethod.Get, new Uri(registry, $"/api/rollouts/{id}"));
                break;
            case "start":
                if (StartBody(options, out problem) is not { } spec)
                {
                    return await BadAsync(error, problem);
                }

                request = new(HttpMethod.Post, new Uri(registry, "/api/rollouts")) { Content = JsonContent.Create(spec) };
                break;
            default:
                request = new(HttpMethod.Post, new Uri(registry, $"/api/rollouts/{id}/{command}"))
                {
                    Content = JsonContent.Create(new Dictionary<string, string?> { ["reason"] = options["--reason"] }),
                };
                break;
        }

        using (request)
        {
            request.Headers.Add("X-Actor", actor);
            return await SendAsync(request, command, registry, output, error, http);
        }
    }

    private static async Task<int> SendAsync(HttpRequestMessage request, string command, Uri registry, TextWriter output, TextWriter error, HttpClient http)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"the registry at {registry} could not be reached: {ex.Message}");
            return Unreachable;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"the registry refused ({(int)response.StatusCode}): {Detail(body)}");
                return Refused;
            }

            try
            {
                await output.WriteAsync(command == "list"
                    ? RolloutTable.FormatList(JsonSerializer.Deserialize<List<Rollout>>(body, RolloutStore.Json) ?? [])
                    : RolloutTable.Format(JsonSerializer.Deserialize<Rollout>(body, RolloutStore.Json) ?? throw new JsonException("empty body")));
                return Ok;
            }
            catch (JsonException ex)
            {
                // A 2xx that is not a rollout is not this registry (a wrong --registry pointing at another service).
                await error.WriteLineAsync($"{registry} answered {(int)response.StatusCode} but not with rollouts ({ex.Message}); is it the registry?");
                return Unreachable;
            }
        }
    }

    /// <summary>The spec with only what was given, so the registry's defaults apply to the rest.</summary>
    private static Dictionary<string, object>? StartBody(CommandOptions options, out string problem)
    {
        problem = "";
        var spec = new Dictionary<string, object>(StringComparer.Ordinal);
        if (options["--model"] is not { } model || options["--candidate"] is not { } candidate)
        {
            problem = "'start' needs --model M and --candidate N";
            return null;
        }

        if (!int.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            problem = $"--candidate must be a version number of 1 or more, got '{candidate}'";
            return null;
        }

        spec["model"] = model;
        spec["candidateVersion"] = version;
        if (options["--steps"] is { } stepsText)
        {
            var steps = new List<int>();
            foreach (var part in stepsText.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                {
                    problem = $"--steps must be comma-separated percentages such as 5,25,50,100, got '{stepsText}'";
                    return null;
                }

                steps.Add(step);
            }

            spec["steps"] = steps;
        }

        if (options["--interval"] is { } intervalText)
        {
            if (!int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval < 1)
            {
                problem = $"--interval must be a whole number of seconds, 1 or more, got '{intervalText}'";
                return null;
            }

            spec["intervalSeconds"] = interval;
        }

        if (options["--reason"] is { } reason)
        {
            spec["reason"] = reason;
        }

        return spec;
    }

    /// <summary>The problem's detail when the answer is a ProblemDetails document, else the body itself.</summary>
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()!
                : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no message)" : body;
        }
    }

    private static async Task<int> BadAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"{problem}\n{Usage}");
        return BadUsage;
    }
}

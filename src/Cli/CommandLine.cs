using HybridInference.Contracts.Predictions;
using System.Net.Http.Json;
using HybridInference.PredictionLog;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi predictions summary [--router URL] [--minutes N | --from ISO --to ISO]</c>: the prediction log of a
/// time window as a table. Exit codes: 0 done, 1 the router refused or could not be reached, 2 bad usage.
/// <c>hi rollouts ...</c> is <see cref="RolloutCommands"/>, <c>hi chaos ...</c> <see cref="ChaosCommands"/>.
/// </summary>
public static class CommandLine
{
    public const string DefaultRouter = "http://localhost:8080";

    public const string Usage = """
        usage: hi rollouts ...   (hi rollouts help: start, watch and command model rollouts)
               hi chaos ...      (hi chaos help: run chaos experiments, list and clear faults)
               hi predictions summary [--router URL] [--minutes N | --from ISO-8601 --to ISO-8601]

          Summarises the router's prediction log for a time window: requests per tier, escalation rate and
          reasons, accuracy where labels were sent, latency percentiles per tier.

          --router URL    the router (default http://localhost:8080)
          --minutes N     the last N minutes (default 15, at most 1440)
          --from, --to    an explicit window (24 hours at most)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HttpClient http, string? registryFromEnvironment = null, string? chaosLabFromEnvironment = null)
    {
        if (args.Length > 0 && args[0] == "rollouts")
        {
            return await RolloutCommands.RunAsync(args[1..], output, error, http, registryFromEnvironment);
        }

        if (args.Length > 0 && args[0] == "chaos")
        {
            return await ChaosCommands.RunAsync(args[1..], output, error, http, chaosLabFromEnvironment);
        }

        if (args.Length < 2 || args[0] != "predictions" || args[1] != "summary")
        {
            await error.WriteLineAsync(args.Length == 0 || args[0] is "help" or "--help" or "-h" ? Usage : $"unknown command '{string.Join(' ', args.Take(2))}'\n{Usage}");
            return args.Length == 0 || args[0] is "help" or "--help" or "-h" ? 0 : 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i += 2)
        {
            if (args[i] is not ("--router" or "--minutes" or "--from" or "--to") || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"unknown or incomplete option '{args[i]}'\n{Usage}");
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        if (!Uri.TryCreate(options.GetValueOrDefault("--router", DefaultRouter), UriKind.Absolute, out var router))
        {
            await error.WriteLineAsync($"--router must be an absolute URL, got '{options["--router"]}'");
            return 2;
        }

        var query = options.TryGetValue("--minutes", out var minutes)
            ? $"minutes={Uri.EscapeDataString(minutes)}"
            : options.ContainsKey("--from") || options.ContainsKey("--to")
                ? $"from={Uri.EscapeDataString(options.GetValueOrDefault("--from", ""))}&to={Uri.EscapeDataString(options.GetValueOrDefault("--to", ""))}"
                : "minutes=15";

        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(router, $"/admin/predictions/summary?{query}"));
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"the router at {router} could not be reached: {ex.Message}");
            return 1;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"the router answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return 1;
            }

            var summary = await response.Content.ReadFromJsonAsync<PredictionSummary>()
                ?? throw new InvalidOperationException("the router answered an empty summary");
            await output.WriteAsync(SummaryTable.Format(summary));
            return 0;
        }
    }
}

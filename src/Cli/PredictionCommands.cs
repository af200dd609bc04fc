using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using HybridInference.Cli.Parsing;
using HybridInference.Contracts.Predictions;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi predictions summary [--router URL] [--minutes N | --from ISO --to ISO]</c>: the prediction log of a
/// time window as a table. Exit codes: 0 done, 1 the router refused or could not be reached, 2 bad usage.
/// </summary>
public static class PredictionCommands
{
    public const string DefaultRouter = "http://localhost:8080";

    public const string Usage = """
        usage: hi predictions summary [--router URL] [--minutes N | --from ISO-8601 --to ISO-8601]

          Summarises the router's prediction log for a time window: requests per tier, escalation rate and
          reasons, accuracy where labels were sent, latency percentiles per tier. The router checks the window
          (at most 1440 minutes, or 24 hours between --from and --to). Exit codes: 0 done, 1 refused by the
          router or router unreachable, 2 bad command line.
        """;

    public static Command Build(CliContext context)
    {
        var router = new Option<string>("--router") { HelpName = "URL", Description = $"the router (default {DefaultRouter})" };

        // Whole numbers are checked here; the range (1 to 1440) is the router's to judge, as it always was.
        var minutes = Values.WholeNumber("--minutes", "N", "the last N minutes (default 15)", int.MinValue, "--minutes must be a whole number, got '{0}'", NumberStyles.AllowLeadingSign);
        var from = new Option<string>("--from") { HelpName = "ISO-8601", Description = "the window's start (with --to)" };
        var to = new Option<string>("--to") { HelpName = "ISO-8601", Description = "the window's end (with --from)" };
        var summary = new Command("summary", "the prediction log of a time window as a table") { router, minutes, from, to };
        summary.SetAction((parse, cancellationToken) =>
        {
            var query = parse.GetValue(minutes) is { } m
                ? string.Create(CultureInfo.InvariantCulture, $"minutes={m}")
                : parse.GetResult(from) is not null || parse.GetResult(to) is not null
                    ? $"from={Uri.EscapeDataString(parse.GetValue(from) ?? "")}&to={Uri.EscapeDataString(parse.GetValue(to) ?? "")}"
                    : "minutes=15";
            return SummaryAsync(context, parse.GetValue(router) ?? DefaultRouter, query, cancellationToken);
        });
        return new Command("predictions", Usage) { summary };
    }

    private static async Task<int> SummaryAsync(CliContext context, string routerText, string query, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(routerText, UriKind.Absolute, out var router))
        {
            await context.Error.WriteLineAsync($"--router must be an absolute URL, got '{routerText}'\n{Usage}");
            return ExitCodes.BadUsage;
        }

        HttpResponseMessage response;
        try
        {
            response = await context.Http.GetAsync(new Uri(router, $"/admin/predictions/summary?{query}"), cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await context.Error.WriteLineAsync($"the router at {router} could not be reached: {ex.Message}");
            return ExitCodes.Refused;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await context.Error.WriteLineAsync($"the router answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return ExitCodes.Refused;
            }

            var summary = await response.Content.ReadFromJsonAsync<PredictionSummary>(cancellationToken)
                ?? throw new InvalidOperationException("the router answered an empty summary");
            await context.Output.WriteAsync(SummaryTable.Format(summary));
            return ExitCodes.Ok;
        }
    }
}

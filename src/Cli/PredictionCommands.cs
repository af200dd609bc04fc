using System.CommandLine;
using System.Globalization;
using HybridInference.Cli.Http;
using HybridInference.Cli.Parsing;
using HybridInference.Clients.Predictions;
using HybridInference.Contracts.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi predictions summary [--router URL] [--minutes N | --from ISO --to ISO]</c>: the prediction log of a
/// time window as a table, read with <see cref="PredictionsClient"/>. Exit codes: 0 done, 1 the router refused or
/// could not be reached, 2 bad usage.
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
        var from = Values.Instant("--from", "the window's start (with --to)");
        var to = Values.Instant("--to", "the window's end (with --from; default now)");
        var summary = new Command("summary", "the prediction log of a time window as a table") { router, minutes, from, to };
        summary.SetAction((parse, cancellationToken) =>
        {
            Func<PredictionsClient, Task<PredictionSummary>> read = parse.GetValue(minutes) is { } m
                ? client => client.SummaryAsync(m, cancellationToken)
                : parse.GetResult(from) is not null || parse.GetResult(to) is not null
                    ? client => client.SummaryAsync(parse.GetValue(from), parse.GetValue(to), cancellationToken)
                    : client => client.SummaryAsync(15, cancellationToken);
            return SummaryAsync(context, parse.GetValue(router) ?? DefaultRouter, read);
        });
        return new Command("predictions", Usage) { summary };
    }

    private static async Task<int> SummaryAsync(CliContext context, string routerText, Func<PredictionsClient, Task<PredictionSummary>> read)
    {
        if (!Uri.TryCreate(routerText, UriKind.Absolute, out var router))
        {
            await context.Error.WriteLineAsync($"--router must be an absolute URL, got '{routerText}'\n{Usage}");
            return ExitCodes.BadUsage;
        }

        // An unreachable router has always been 1 here, not the 3 of the other groups.
        return await CliClients.CallAsync<PredictionsClient>(
            context,
            new ServiceTarget("the router", router, ExitCodes.Refused),
            (services, configure) => services.AddPredictionsClient(configure),
            async client =>
            {
                await context.Output.WriteAsync(SummaryTable.Format(await read(client)));
                return ExitCodes.Ok;
            });
    }
}

using System.Globalization;
using HybridInference.Cli.Http;
using HybridInference.Cli.Parsing;
using HybridInference.Clients.Chaos;
using HybridInference.Contracts.Chaos;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli;

/// <summary>The chaos commands' calls to ChaosLab (at <c>--chaoslab</c>, else HI_CHAOSLAB) through <see cref="ChaosLabClient"/>, and what each prints.</summary>
internal sealed class ChaosRequests(CliContext context, string? chaosLabOption)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public Task<int> ListAsync(CancellationToken ct) =>
        ShowAsync(async client => string.Concat((await client.ListExperimentsAsync(ct)).Select(n => n + "\n")));

    public Task<int> ReportAsync(string run, CancellationToken ct) => ShowAsync(client => client.GetReportMarkdownAsync(run, ct));

    public Task<int> ConfirmAsync(string run, string action, string? detail, CancellationToken ct) => ShowAsync(async client =>
    {
        await client.ConfirmActionAsync(run, action, new ActionDone(context.Time.GetUtcNow(), detail), ct);
        return $"confirmed {action} of run {run}\n";
    });

    public Task<int> FaultsAsync(CancellationToken ct) => ShowAsync(async client => FaultTable.Format(await client.ListFaultsAsync(ct)));

    public Task<int> ClearFaultsAsync(CancellationToken ct) =>
        ShowAsync(async client => $"cleared {(await client.ClearFaultsAsync(ct)).Cleared} fault(s)\n");

    public Task<int> RunAsync(string name, bool noWait, CancellationToken ct) => CallAsync(client => FollowAsync(client, name, noWait, ct));

    private Task<int> ShowAsync(Func<ChaosLabClient, Task<string>> call) => CallAsync(async client =>
    {
        await context.Output.WriteAsync(await call(client));
        return ExitCodes.Ok;
    });

    private async Task<int> CallAsync(Func<ChaosLabClient, Task<int>> call)
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

        return await CliClients.CallAsync(
            context,
            new ServiceTarget("ChaosLab", chaos, ExitCodes.Unreachable),
            (services, configure) => services.AddChaosLabClient(configure),
            call);
    }

    /// <summary>
    /// Starts a run and prints its timeline as it grows, the actions due for the harness, then the Markdown report;
    /// on a terminal a status line (elapsed time, events so far) is rewritten between the timeline's lines.
    /// </summary>
    private async Task<int> FollowAsync(ChaosLabClient client, string name, bool noWait, CancellationToken ct)
    {
        var (output, progress) = (context.Output, context.Progress);
        var id = (await client.RunExperimentAsync(name, ct)).Id;
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
            var report = await client.GetRunAsync(id, ct);
            foreach (var e in report.Timeline.Skip(printed))
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{e.AtMs / 1000,7:0.0} s  {e.Event}: {e.Detail}"));
            }

            printed = report.Timeline.Count;
            foreach (var action in report.PendingActions.Where(a => announced.Add(a.Id)))
            {
                await progress.WriteLineAsync($"ACTION DUE: {action.Id} ({action.Kind}): take it now, then: hi chaos confirm {id} {action.Id}");
            }

            var state = RunStatusName(report.Status);
            if (report.Status != RunStatus.Running)
            {
                await progress.ClearAsync();
                var markdown = await client.GetReportMarkdownAsync(id, ct);
                await output.WriteLineAsync();
                await output.WriteAsync(markdown);
                if (report.Status == RunStatus.Passed)
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

    // The status as ChaosLab spells it on the wire (kebab case); every status is one word.
    private static string RunStatusName(RunStatus status) => status.ToString().ToLowerInvariant();
}

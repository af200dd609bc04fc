using System.CommandLine;
using HybridInference.Cli.Parsing;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi chaos ...</c> against ChaosLab's API: experiments (list, run and follow, report, confirm a harness action) and
/// faults (list, clear). Exit codes: 0 done (a run: passed), 1 refused by ChaosLab or a run that did not pass,
/// 2 a bad command line, 3 ChaosLab could not be reached.
/// </summary>
public static class ChaosCommands
{
    public const int Ok = ExitCodes.Ok;
    public const int Refused = ExitCodes.Refused;
    public const int BadUsage = ExitCodes.BadUsage;
    public const int Unreachable = ExitCodes.Unreachable;

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

    public static Command Build(CliContext context)
    {
        var chaosLab = new Option<string>("--chaoslab") { HelpName = "URL", Description = "ChaosLab (default $HI_CHAOSLAB; its port is on the dashboard)", Recursive = true };
        var group = new Command("chaos", Usage) { chaosLab };
        ChaosRequests Requests(ParseResult parse) => new(context, parse.GetValue(chaosLab));

        var list = new Command("list", "the experiments ChaosLab can run");
        NoArguments(list);
        list.SetAction((parse, ct) => Requests(parse).ListAsync(ct));

        var run = new Command("run", "start experiments/NAME.json and follow it to its report");
        var name = Positionals.Add(run, "NAME", "the experiment", 1, given => $"'run' takes an experiment name (got '{string.Join(' ', given)}')");
        var noWait = Values.TrueOrFalse("--no-wait", "print the run id and return instead of following the run");
        run.Options.Add(noWait);
        run.SetAction((parse, ct) => Requests(parse).RunAsync(parse.GetValue(name)![0], parse.GetValue(noWait) == "true", ct));

        var report = new Command("report", "a run's Markdown report");
        var reportRun = Positionals.Add(report, "RUN", "the run id", 1, given => $"'report' takes a run id (got '{string.Join(' ', given)}')");
        report.SetAction((parse, ct) => Requests(parse).ReportAsync(parse.GetValue(reportRun)![0], ct));

        var confirm = new Command("confirm", "say that the harness action ACTION of run RUN was taken");
        var words = Positionals.Add(confirm, "RUN ACTION", "the run id and the action id", 2, given => $"'confirm' takes a run id and an action id (got '{string.Join(' ', given)}')");
        var detail = new Option<string>("--detail") { HelpName = "TEXT", Description = "what was done, recorded in the timeline" };
        confirm.Options.Add(detail);
        confirm.SetAction((parse, ct) => Requests(parse).ConfirmAsync(parse.GetValue(words)![0], parse.GetValue(words)![1], parse.GetValue(detail), ct));

        var faultsList = new Command("list", "the active faults");
        NoArguments(faultsList);
        faultsList.SetAction((parse, ct) => Requests(parse).FaultsAsync(ct));
        var faultsClear = new Command("clear", "remove every active fault");
        NoArguments(faultsClear);
        faultsClear.SetAction((parse, ct) => Requests(parse).ClearFaultsAsync(ct));
        var faults = new Command("faults", Usage) { faultsList, faultsClear };

        group.Subcommands.Add(list);
        group.Subcommands.Add(run);
        group.Subcommands.Add(report);
        group.Subcommands.Add(confirm);
        group.Subcommands.Add(faults);
        return group;
    }

    private static void NoArguments(Command command) =>
        Positionals.Add(command, "ARGS", "", 0, given => $"'{command.Name}' takes no arguments (got '{string.Join(' ', given)}')");
}

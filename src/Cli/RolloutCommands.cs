using System.CommandLine;
using HybridInference.Cli.Parsing;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi rollouts ...</c> against the registry's rollout API. Exit codes: 0 done, 1 the registry refused
/// (its message is printed), 2 a bad command line, 3 the registry could not be reached.
/// </summary>
public static class RolloutCommands
{
    public const int Ok = ExitCodes.Ok;
    public const int Refused = ExitCodes.Refused;
    public const int BadUsage = ExitCodes.BadUsage;
    public const int Unreachable = ExitCodes.Unreachable;

    /// <summary>The registry's development address (the AppHost's fixed port for it).</summary>
    public const string DefaultRegistry = RegistryTarget.DefaultRegistry;

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

    public static Command Build(CliContext context)
    {
        var (group, target) = RegistryTarget.Group(context, "rollouts", Usage);

        var list = new Command("list", "every rollout, newest first, with its phase and last verdict");
        Positionals.Add(list, "ID", "", 0, given => $"'list' takes no rollout id (got '{string.Join(' ', given)}')");
        list.SetAction((parse, ct) => RolloutRequests.ListAsync(target(parse), ct));
        group.Subcommands.Add(list);

        var status = new Command("status", "one rollout's state and its latest analysis, metric by metric");
        var statusId = IdArgument(status);
        status.SetAction((parse, ct) => RolloutRequests.StatusAsync(target(parse), parse.GetValue(statusId)![0], ct));
        group.Subcommands.Add(status);

        group.Subcommands.Add(StartCommand(target));
        foreach (var (name, description) in new[]
        {
            ("pause", "hold a progressing rollout at its weight"),
            ("resume", "continue a paused rollout"),
            ("promote", "move the stable alias to the candidate now"),
            ("abort", "roll back to the stable version now"),
        })
        {
            var command = new Command(name, description);
            var id = IdArgument(command);
            var reason = Reason();
            command.Options.Add(reason);
            command.SetAction((parse, ct) => RolloutRequests.CommandAsync(target(parse), parse.GetValue(id)![0], name, parse.GetValue(reason), ct));
            group.Subcommands.Add(command);
        }

        return group;
    }

    private static Command StartCommand(Func<ParseResult, RegistryTarget> target)
    {
        var model = new Option<string>("--model") { HelpName = "M", Description = "the model to roll out (required)" };
        var candidate = Values.WholeNumber("--candidate", "N", "the candidate version (required)", 1, "--candidate must be a version number of 1 or more, got '{0}'");
        var steps = Values.WholeNumbers("--steps", "5,25,50,100", "the weights in percent, the last one 100 (default: the registry's)", "--steps must be comma-separated percentages such as 5,25,50,100, got '{0}'");
        var interval = Values.WholeNumber("--interval", "S", "seconds between analyses (default: the registry's)", 1, "--interval must be a whole number of seconds, 1 or more, got '{0}'");
        var reason = Reason();
        var start = new Command("start", "start rolling a candidate version out") { model, candidate, steps, interval, reason };
        Positionals.Add(start, "ID", "", 0, given => $"'start' takes no rollout id (got '{string.Join(' ', given)}')");
        start.Validators.Add(result =>
        {
            if (result.GetResult(model) is null || result.GetResult(candidate) is null)
            {
                result.AddError("'start' needs --model M and --candidate N");
            }
        });
        start.SetAction((parse, ct) =>
        {
            // Only what was given is sent: the registry fills in the rest with its defaults for that model (a cloud
            // model gets the cloud metric checks, which a whole spec with the edge defaults would override).
            var spec = new RolloutStartRequest
            {
                Model = parse.GetValue(model)!,
                CandidateVersion = parse.GetValue(candidate)!.Value,
                Reason = parse.GetValue(reason),
                Steps = parse.GetValue(steps),
                IntervalSeconds = parse.GetValue(interval),
            };
            return RolloutRequests.StartAsync(target(parse), spec, ct);
        });
        return start;
    }

    private static Argument<string[]> IdArgument(Command command) =>
        Positionals.Add(command, "ID", "the rollout's id", 1, given => given.Count == 0
            ? $"'{command.Name}' needs a rollout id"
            : $"'{command.Name}' takes one rollout id, got {given.Count}");

    private static Option<string> Reason() => new("--reason") { HelpName = "R", Description = "why, recorded with the rollout's events" };
}

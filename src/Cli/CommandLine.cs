using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using HybridInference.Cli.Parsing;

namespace HybridInference.Cli;

/// <summary>
/// <c>hi</c>'s command tree (System.CommandLine): <c>models</c> (<see cref="ModelCommands"/>), <c>fleet</c>
/// (<see cref="FleetCommands"/>), <c>predictions</c> (<see cref="PredictionCommands"/>),
/// <c>rollouts</c> (<see cref="RolloutCommands"/>), <c>chaos</c> (<see cref="ChaosCommands"/>). A bad command line
/// prints what is wrong, naming the word, and the group's usage, and exits 2 before anything is sent; help
/// (<c>--help</c>, <c>-h</c>, or the word <c>help</c>) is generated from the tree and written to the error stream
/// as it always was, so the output stream carries only results. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class CommandLine
{
    public const string DefaultRouter = PredictionCommands.DefaultRouter;

    public const string Usage = """
        usage: hi models ...     (hi models help: list and show models, move aliases)
               hi fleet ...      (hi fleet help: list and show devices, set what they should run)
               hi rollouts ...   (hi rollouts help: start, watch and command model rollouts)
               hi chaos ...      (hi chaos help: run chaos experiments, list and clear faults)
               hi predictions summary [--router URL] [--minutes N | --from ISO-8601 --to ISO-8601]
               hi login [--token T | --dev]   (save the bearer token every command sends; HI_TOKEN wins)

          Exit codes: 0 done, 1 refused, 2 bad command line, 3 unreachable (see each group's help).
        """;

    /// <param name="token">HI_TOKEN's value: wins over the saved login.</param>
    /// <param name="configDirectory">Where the saved login lives (HI_CONFIG_DIR; default <c>~/.hybridinference</c>).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, HttpMessageHandler? handler = null, string? registryFromEnvironment = null,
        string? chaosLabFromEnvironment = null, TimeProvider? time = null, string? token = null, string? configDirectory = null, TextReader? input = null)
    {
        var context = new CliContext(output, error, handler, registryFromEnvironment, chaosLabFromEnvironment, time ?? TimeProvider.System)
        {
            Credentials = new Http.CliCredentials(configDirectory ?? Http.CliCredentials.DefaultDirectory, token),
            Input = input ?? TextReader.Null,
        };
        var root = Build(context);
        var result = root.Parse(args.Length == 0 ? ["--help"] : HelpWordAsOption(root, args));
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            await error.WriteLineAsync($"{string.Join('\n', UsageProblems.Of(result))}\n{UsageOf(result.CommandResult)}");
            return ExitCodes.BadUsage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = error, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The tree, its actions bound to <paramref name="context"/>.</summary>
    public static Command Build(CliContext context)
    {
        var root = new Command("hi", Usage) { new HelpOption(), new VersionOption() };
        root.Subcommands.Add(ModelCommands.Build(context));
        root.Subcommands.Add(FleetCommands.Build(context));
        root.Subcommands.Add(RolloutCommands.Build(context));
        root.Subcommands.Add(ChaosCommands.Build(context));
        root.Subcommands.Add(PredictionCommands.Build(context));
        foreach (var command in LoginCommands.Build(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The usage text of the nearest group: the one whose commands the user was typing.</summary>
    private static string UsageOf(CommandResult command)
    {
        for (SymbolResult? at = command; at is CommandResult level; at = level.Parent)
        {
            if (level.Command.Subcommands.Count > 0 && level.Command.Description is { Length: > 0 } usage)
            {
                return usage;
            }
        }

        return Usage;
    }

    /// <summary><c>hi rollouts help</c> as <c>hi rollouts --help</c>: the word right after command names asks for their help.</summary>
    private static string[] HelpWordAsOption(Command root, string[] args)
    {
        var command = root;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "help")
            {
                return [.. args[..i], "--help", .. args[(i + 1)..]];
            }

            if (command.Subcommands.FirstOrDefault(c => c.Name == args[i]) is not { } next)
            {
                break;
            }

            command = next;
        }

        return args;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace HybridInference.Cli.Parsing;

/// <summary>
/// System.CommandLine's parse errors said the way <c>hi</c> has always said them, each naming the word that is
/// wrong: a missing or unknown command, an unknown option, an option without its value or given twice; the
/// commands' own validators (numbers, lists, positional arguments) already speak that way and pass through.
/// </summary>
internal static class UsageProblems
{
    public static IReadOnlyList<string> Of(ParseResult result)
    {
        var command = result.CommandResult;
        if (command.Command.Subcommands.Count > 0 && command.Command.Action is null)
        {
            var word = result.UnmatchedTokens.FirstOrDefault();
            var path = Path(command);
            return [word switch
            {
                null => path.Length == 0 ? "missing the command" : $"missing the {string.Join(' ', path)} command",
                _ when word.StartsWith('-') => $"unknown option '{word}'",
                _ when path.Length == 0 => $"unknown command '{word}'",
                _ => $"unknown {path[0]} command '{string.Join(' ', path.Skip(1).Append(word))}'",
            }];
        }

        var problems = new List<string>();
        problems.AddRange(result.UnmatchedTokens.Select(t => t.StartsWith('-') ? $"unknown option '{t}'" : $"unexpected argument '{t}'"));
        var replaced = new HashSet<SymbolResult>();
        for (SymbolResult? at = command; at is CommandResult level; at = level.Parent)
        {
            foreach (var option in level.Children.OfType<OptionResult>())
            {
                var name = option.IdentifierToken?.Value ?? option.Option.Name;
                var problem = option switch
                {
                    { Implicit: false, Tokens.Count: 0 } when option.Option.Arity.MinimumNumberOfValues > 0 => $"option '{name}' needs a value",
                    { IdentifierTokenCount: > 1 } => $"option '{name}' is given twice",
                    _ => null,
                };
                if (problem is not null)
                {
                    problems.Add(problem);
                    replaced.Add(option);
                }
            }
        }

        foreach (var error in result.Errors)
        {
            var aboutUnmatched = error.SymbolResult is CommandResult && result.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var aboutReplaced = error.SymbolResult is { } symbol && (replaced.Contains(symbol) || (symbol is ArgumentResult { Parent: { } parent } && replaced.Contains(parent)));
            if (!aboutUnmatched && !aboutReplaced && !problems.Contains(error.Message))
            {
                problems.Add(error.Message);
            }
        }

        return problems;
    }

    /// <summary>The command names below the root, e.g. <c>chaos faults</c>.</summary>
    private static string[] Path(CommandResult command)
    {
        var names = new List<string>();
        for (var at = command; at.Parent is CommandResult parent; at = parent)
        {
            names.Insert(0, at.Command.Name);
        }

        return [.. names];
    }
}

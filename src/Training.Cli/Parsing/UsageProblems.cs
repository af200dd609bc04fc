using System.CommandLine;
using System.CommandLine.Parsing;

namespace HybridInference.Training.Cli.Parsing;

/// <summary>
/// System.CommandLine's parse errors said the way Training.Cli has always said them, each naming what is wrong:
/// an unknown command, unknown options (all of them, in one line), an option without its value or given twice,
/// a word that is no option; the options' own parsers (numbers) already speak that way and pass through.
/// </summary>
internal static class UsageProblems
{
    public static IReadOnlyList<string> Of(ParseResult result)
    {
        var command = result.CommandResult;
        var unmatched = result.UnmatchedTokens;
        if (command.Parent is null && unmatched.FirstOrDefault() is { } first && !first.StartsWith('-'))
        {
            return [$"unknown command '{first}'"];
        }

        var problems = new List<string>();
        var unknown = unmatched.Where(t => t.StartsWith("--", StringComparison.Ordinal) && t.Length > 2).ToArray();
        if (unknown.Length > 0)
        {
            problems.Add($"unknown option(s): {string.Join(", ", unknown)}");
        }
        else if (unmatched.FirstOrDefault() is { } word)
        {
            problems.Add($"unexpected argument '{word}'");
        }

        var replaced = new HashSet<SymbolResult>();
        foreach (var option in command.Children.OfType<OptionResult>())
        {
            var name = option.IdentifierToken?.Value ?? option.Option.Name;
            var problem = option switch
            {
                { IdentifierTokenCount: > 1 } => $"{name} is given twice",
                { Implicit: false, Tokens.Count: 0 } when option.Option.Arity.MinimumNumberOfValues > 0 => $"{name} needs a value",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add(problem);
                replaced.Add(option);
            }
        }

        foreach (var error in result.Errors)
        {
            var aboutUnmatched = error.SymbolResult is CommandResult && unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var aboutReplaced = error.SymbolResult is { } symbol && (replaced.Contains(symbol) || (symbol is ArgumentResult { Parent: { } parent } && replaced.Contains(parent)));
            if (!aboutUnmatched && !aboutReplaced && !problems.Contains(error.Message))
            {
                problems.Add(error.Message);
            }
        }

        return problems;
    }
}

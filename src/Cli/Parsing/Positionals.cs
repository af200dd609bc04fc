using System.CommandLine;

namespace HybridInference.Cli.Parsing;

/// <summary>
/// A command's positional words (ids, names), counted by the command itself so a wrong count is said the command's
/// way ("'status' needs a rollout id"), and so an unknown <c>--option</c> among them is named as one.
/// </summary>
internal static class Positionals
{
    /// <summary>Adds the words to <paramref name="command"/>: exactly <paramref name="count"/> of them, else <paramref name="wrongCount"/> of what was given.</summary>
    public static Argument<string[]> Add(Command command, string helpName, string description, int count, Func<IReadOnlyList<string>, string> wrongCount)
    {
        var words = new Argument<string[]>(helpName)
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = description,
            Hidden = count == 0,
        };
        command.Arguments.Add(words);
        command.Validators.Add(result =>
        {
            var given = result.GetValue(words) ?? [];
            if (given.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal)) is { } option)
            {
                result.AddError($"unknown option '{option}'");
            }
            else if (given.Length != count)
            {
                result.AddError(wrongCount(given));
            }
        });
        return words;
    }
}

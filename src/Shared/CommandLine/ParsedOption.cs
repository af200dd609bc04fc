using System.CommandLine;
using System.CommandLine.Parsing;

namespace HybridInference.Shared.CommandLine;

/// <summary>
/// Options whose one value is parsed and refused with a message that names the option and the value. Source
/// shared by the command lines (<c>hi</c> and Training.Cli), linked into each.
/// </summary>
internal static class ParsedOption
{
    /// <summary>
    /// An option whose value <paramref name="parse"/> turns into a <typeparamref name="T"/>, or null when it is
    /// not one; then <paramref name="problem"/> of the text is the error.
    /// </summary>
    public static Option<T?> Create<T>(string name, string helpName, string description, Func<string, T?> parse, Func<string, string> problem)
        where T : struct => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = result =>
            {
                var text = Single(result);
                if (parse(text) is { } value)
                {
                    return value;
                }

                result.AddError(problem(text));
                return null;
            },
        };

    // Given twice or without a value, the option itself is reported (UsageProblems); the value is not parsed then.
    public static string Single(SymbolResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
}

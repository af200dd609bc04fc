using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HybridInference.Training.Cli.Parsing;

/// <summary>
/// Training.Cli's options: "--name value" pairs and "--flag" switches, numbers parsed with the invariant culture
/// and refused with a message that names the option and the value, as the command line has always said them.
/// </summary>
internal static class Values
{
    /// <summary>A whole number; null when the option is not given.</summary>
    public static Option<int?> Int(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be an integer, not '{text}'");
            return null;
        },
    };

    /// <summary>A number (NaN and infinities included, so the commands' range checks name them); null when not given.</summary>
    public static Option<double?> Double(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be a number, not '{text}'");
            return null;
        },
    };

    /// <summary>A word or a path; null when not given.</summary>
    public static Option<string?> Text(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
    };

    /// <summary>A switch that takes no value: a word after it is not read as true or false.</summary>
    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Arity = ArgumentArity.Zero,
        Description = description,
    };

    // Given twice or without a value, the option itself is reported (UsageProblems); the value is not parsed then.
    private static string Single(SymbolResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
}

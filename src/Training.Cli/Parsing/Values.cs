using System.CommandLine;
using System.Globalization;
using System.Numerics;
using HybridInference.Shared.CommandLine;

namespace HybridInference.Training.Cli.Parsing;

/// <summary>
/// Training.Cli's options: "--name value" pairs and "--flag" switches, numbers parsed with the invariant culture
/// and refused with a message that names the option and the value, as the command line has always said them.
/// </summary>
internal static class Values
{
    /// <summary>A whole number; null when the option is not given.</summary>
    public static Option<int?> Int(string name, string helpName, string description) =>
        Number<int>(name, helpName, description, NumberStyles.Integer, "an integer");

    /// <summary>A number (NaN and infinities included, so the commands' range checks name them); null when not given.</summary>
    public static Option<double?> Double(string name, string helpName, string description) =>
        Number<double>(name, helpName, description, NumberStyles.Float, "a number");

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

    private static Option<T?> Number<T>(string name, string helpName, string description, NumberStyles styles, string what)
        where T : struct, INumber<T> =>
        ParsedOption.Create<T>(
            name,
            helpName,
            description,
            text => T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) ? value : null,
            text => $"{name} must be {what}, not '{text}'");
}

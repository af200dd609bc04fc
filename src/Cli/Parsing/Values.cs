using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HybridInference.Cli.Parsing;

/// <summary>Option values parsed at the command line, each refusing a bad value with a message that names the option and the value.</summary>
internal static class Values
{
    /// <summary>A whole number of at least <paramref name="minimum"/>; <paramref name="problem"/> is the message with <c>{0}</c> for the value.</summary>
    public static Option<int?> WholeNumber(string name, string helpName, string description, int minimum, string problem, NumberStyles styles = NumberStyles.None) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (int.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return value;
            }

            result.AddError(string.Format(CultureInfo.InvariantCulture, problem, text));
            return null;
        },
    };

    /// <summary>Comma-separated whole numbers, such as rollout steps.</summary>
    public static Option<IReadOnlyList<int>?> WholeNumbers(string name, string helpName, string description, string problem) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            var numbers = new List<int>();
            foreach (var part in text.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    result.AddError(string.Format(CultureInfo.InvariantCulture, problem, text));
                    return null;
                }

                numbers.Add(number);
            }

            return numbers;
        },
    };

    /// <summary>
    /// <c>true</c> or <c>false</c>, spelled out (the value is required, as it always was). A string option: a
    /// bool one would leave a word that is neither to the positional arguments instead of naming it as the value.
    /// </summary>
    public static Option<string> TrueOrFalse(string name, string description)
    {
        var option = new Option<string>(name) { HelpName = "true|false", Description = description };
        option.Validators.Add(result =>
        {
            var text = Single(result);
            if (result.Tokens.Count == 1 && text is not ("true" or "false"))
            {
                result.AddError($"{name} takes true or false, got '{text}'");
            }
        });
        return option;
    }

    /// <summary>A point in time in ISO 8601 (with its offset, or UTC when it has none).</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        HelpName = "ISO-8601",
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be a time in ISO 8601 such as 2026-11-28T12:00:00Z, got '{text}'");
            return null;
        },
    };

    /// <summary>An absolute http(s) URL, or null with <paramref name="problem"/> set to the message naming it.</summary>
    public static Uri? HttpUrl(string text, string what, out string problem)
    {
        problem = "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        problem = $"{what} must be an absolute http(s) URL, got '{text}'";
        return null;
    }

    // Given twice or without a value, the option itself is reported (UsageProblems); the value is not parsed then.
    private static string Single(SymbolResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
}

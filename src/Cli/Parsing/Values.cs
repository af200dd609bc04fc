using System.CommandLine;
using System.Globalization;
using HybridInference.Shared.CommandLine;

namespace HybridInference.Cli.Parsing;

/// <summary>Option values parsed at the command line, each refusing a bad value with a message that names the option and the value.</summary>
internal static class Values
{
    /// <summary>A whole number of at least <paramref name="minimum"/>; <paramref name="problem"/> is the message with <c>{0}</c> for the value.</summary>
    public static Option<int?> WholeNumber(string name, string helpName, string description, int minimum, string problem, NumberStyles styles = NumberStyles.None) =>
        ParsedOption.Create<int>(
            name,
            helpName,
            description,
            text => int.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= minimum ? value : null,
            text => string.Format(CultureInfo.InvariantCulture, problem, text));

    /// <summary>Comma-separated whole numbers, such as rollout steps.</summary>
    public static Option<IReadOnlyList<int>?> WholeNumbers(string name, string helpName, string description, string problem) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result =>
        {
            var text = ParsedOption.Single(result);
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
            var text = ParsedOption.Single(result);
            if (result.Tokens.Count == 1 && text is not ("true" or "false"))
            {
                result.AddError($"{name} takes true or false, got '{text}'");
            }
        });
        return option;
    }

    /// <summary>A point in time in ISO 8601 (with its offset, or UTC when it has none).</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) =>
        ParsedOption.Create<DateTimeOffset>(
            name,
            "ISO-8601",
            description,
            text => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null,
            text => $"{name} must be a time in ISO 8601 such as 2026-11-28T12:00:00Z, got '{text}'");

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
}

using System.Globalization;

namespace HybridInference.Cli.Parsing;

/// <summary>A model version given as a word (<c>hi models alias NAME ALIAS VERSION</c>): a whole number of 1 or more.</summary>
internal static class VersionNumber
{
    public static int? Parse(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1 ? version : null;

    public static string Problem(string text) => $"VERSION must be a version number of 1 or more, got '{text}'";
}

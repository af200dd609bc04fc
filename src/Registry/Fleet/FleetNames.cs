using System.Text.RegularExpressions;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// Names of devices, groups and sites: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit.
/// They appear in store keys and URL paths, so nothing path-like or spaced is accepted.
/// </summary>
public static partial class FleetNames
{
    public const string Rule = "1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}

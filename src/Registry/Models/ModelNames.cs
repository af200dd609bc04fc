using System.Text.RegularExpressions;

namespace HybridInference.Registry.Models;

/// <summary>The shapes of names the registry accepts, checked before anything touches the store.</summary>
public static partial class ModelNames
{
    public static string? ValidateModel(string name) =>
        ModelPattern().IsMatch(name) ? null : $"model name '{name}' is invalid: use 1-64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit";

    public static string? ValidateAlias(string alias) =>
        AliasPattern().IsMatch(alias) ? null : $"alias '{alias}' is invalid: use 1-40 of a-z, 0-9, '-', starting with a letter";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ModelPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex AliasPattern();
}

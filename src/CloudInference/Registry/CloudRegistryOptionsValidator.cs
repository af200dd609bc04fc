using System.Text.RegularExpressions;
using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.CloudInference.Registry;

/// <summary>Checks what attributes cannot: the address, the names, and that the default alias is followed.</summary>
public sealed partial class CloudRegistryOptionsValidator : IValidateOptions<CloudRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudRegistryOptions options)
    {
        var errors = new SettingErrors(CloudRegistryOptions.SectionName);
        errors.HttpAddress(nameof(options.RegistryAddress), options.RegistryAddress);

        // Names go into URL paths and cache directories: the registry's own rules, so no slash can slip in.
        errors.AddRange(options.Models.Where(m => !ModelName().IsMatch(m)).Select(m => $"CloudRegistry:Models: '{m}' is not a model name (lower-case letters, digits, '.', '_', '-')."));
        errors.AddRange(options.Aliases.Where(a => !AliasName().IsMatch(a)).Select(a => $"CloudRegistry:Aliases: '{a}' is not an alias name (lower-case letters, digits, '-')."));
        if (options.Aliases.Count == 0)
        {
            errors.Add("CloudRegistry:Aliases must name at least one alias (e.g. champion, challenger).");
        }

        if (!options.Aliases.Contains(options.DefaultAlias, StringComparer.Ordinal))
        {
            errors.Add($"CloudRegistry:DefaultAlias '{options.DefaultAlias}' must be one of CloudRegistry:Aliases ({string.Join(", ", options.Aliases)}).");
        }

        return errors.Result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ModelName();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex AliasName();
}

using System.Globalization;
using System.Text.RegularExpressions;
using HybridInference.Router.Routing.Rules;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Routing;

/// <summary>
/// Checks the whole <c>Routing</c> section at once and names each bad setting by its configuration key, so
/// one start (or one reload) reports every mistake.
/// </summary>
public sealed partial class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = RoutingOptions.SectionName;
        if (options.Models.Count == 0)
        {
            errors.Add($"{section}:Models must configure at least one model, e.g. {section}:Models:fashion:Threshold");
        }

        if (!(options.HealthMaxAgeSeconds > 0) || !double.IsFinite(options.HealthMaxAgeSeconds))
        {
            errors.Add($"{section}:HealthMaxAgeSeconds must be a number above 0 (was {Format(options.HealthMaxAgeSeconds)})");
        }

        foreach (var (model, settings) in options.Models)
        {
            var key = $"{section}:Models:{model}";
            if (settings.Threshold is not { } threshold)
            {
                errors.Add($"{key}:Threshold is required (the edge confidence needed to keep an edge answer, in [0,1])");
            }
            else if (!(threshold >= 0 && threshold <= 1))
            {
                errors.Add($"{key}:Threshold must be in [0,1] (was {Format(threshold)})");
            }

            if (!(settings.AuditRate >= 0 && settings.AuditRate <= 1))
            {
                errors.Add($"{key}:AuditRate must be in [0,1] (was {Format(settings.AuditRate)})");
            }

            if (!(settings.MaxEscalationsPerSecondPerSite > 0) || !double.IsFinite(settings.MaxEscalationsPerSecondPerSite))
            {
                errors.Add($"{key}:MaxEscalationsPerSecondPerSite must be a number above 0 (was {Format(settings.MaxEscalationsPerSecondPerSite)})");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{section}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                errors.Add($"{key}:Name is required");
            }
            else if (!IsRuleName(rule.Name))
            {
                errors.Add($"{key}:Name '{rule.Name}' must be lower-case letters, digits and '-' (it becomes the reason 'rule:{{name}}')");
            }
            else if (!names.Add(rule.Name))
            {
                errors.Add($"{key}:Name '{rule.Name}' is used by an earlier rule");
            }

            if (string.IsNullOrWhiteSpace(rule.Expression))
            {
                errors.Add($"{key}:Expression is required, e.g. 'gpu_temperature_c > 85 -> cloud'");
                continue;
            }

            try
            {
                RuleParser.Parse(rule.Name ?? string.Empty, rule.Expression);
            }
            catch (RuleSyntaxException ex)
            {
                errors.Add($"{key}:Expression '{rule.Expression}': {ex.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a rule name can become the reason <c>rule:{name}</c>; registry rules obey it too.</summary>
    public static bool IsRuleName(string? name) => name is not null && RuleName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RuleName();
}

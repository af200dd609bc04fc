using System.Text.RegularExpressions;
using HybridInference.Contracts.Fleet;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// Checks the shape of a routing rule when it is written: <c>field op value (&amp;&amp; field op value)* -&gt;
/// cloud|edge-only</c>, with the router's operators. Which fields exist is the router's business; the
/// registry refuses what can never parse.
/// </summary>
public static partial class RuleShape
{
    public static string? Validate(RuleDefinition? rule, int index)
    {
        if (rule is null)
        {
            return $"rules[{index}] is null; expected {{\"name\": \"hot-gpu\", \"expression\": \"gpu_temperature_c > 85 -> cloud\"}}";
        }

        if (string.IsNullOrWhiteSpace(rule.Name) || !NamePattern().IsMatch(rule.Name))
        {
            return $"rules[{index}].name '{rule.Name}' is invalid: use 1-40 of a-z, 0-9, '-', starting with a letter";
        }

        return string.IsNullOrWhiteSpace(rule.Expression) || !ExpressionPattern().IsMatch(rule.Expression)
            ? $"rules[{index}].expression '{rule.Expression}' is not 'field op value (&& field op value)* -> cloud|edge-only', e.g. 'gpu_temperature_c > 85 -> cloud'"
            : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\s*[a-z_][a-z0-9_]*\s*(>=|<=|==|!=|>|<)\s*(-?\d+(\.\d+)?|true|false)\s*(&&\s*[a-z_][a-z0-9_]*\s*(>=|<=|==|!=|>|<)\s*(-?\d+(\.\d+)?|true|false)\s*)*->\s*(cloud|edge-only)\s*$")]
    private static partial Regex ExpressionPattern();
}

using System.Globalization;

namespace HybridInference.Router.Routing.Rules;

/// <summary>One comparison of a health field with a constant, e.g. <c>p95_latency_ms &gt; 50</c>.</summary>
public sealed record RuleCondition(HealthField Field, ComparisonOperator Operator, double Value)
{
    public bool Matches(EdgeHealth health) => Operator switch
    {
        ComparisonOperator.GreaterThan => Field.Read(health) > Value,
        ComparisonOperator.GreaterOrEqual => Field.Read(health) >= Value,
        ComparisonOperator.LessThan => Field.Read(health) < Value,
        ComparisonOperator.LessOrEqual => Field.Read(health) <= Value,
        ComparisonOperator.Equal => Field.Read(health) == Value,
        ComparisonOperator.NotEqual => Field.Read(health) != Value,
        _ => throw new InvalidOperationException($"unknown operator {Operator}"),
    };

    public override string ToString()
    {
        var symbol = Operator switch
        {
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterOrEqual => ">=",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessOrEqual => "<=",
            ComparisonOperator.Equal => "==",
            _ => "!=",
        };
        var value = Field.IsBoolean ? (Value != 0 ? "true" : "false") : Value.ToString(CultureInfo.InvariantCulture);
        return $"{Field.Name} {symbol} {value}";
    }
}

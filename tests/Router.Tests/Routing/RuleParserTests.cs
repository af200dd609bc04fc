using HybridInference.Router.Routing;
using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Tests.Routing;

public class RuleParserTests
{
    private static readonly EdgeHealth Healthy = RoutingTestOptions.Healthy;

    [Theory]
    [InlineData("gpu_temperature_c > 85 -> cloud", RuleAction.Cloud)]
    [InlineData("p95_latency_ms>50->cloud", RuleAction.Cloud)]
    [InlineData("link_down == true -> edge-only", RuleAction.EdgeOnly)]
    [InlineData("  throttled != false  &&  gpu_temperature_c >= 70.5 -> cloud ", RuleAction.Cloud)]
    public void Parse_ValidExpression_ReturnsRuleWithAction(string expression, RuleAction action)
    {
        var rule = RuleParser.Parse("r", expression);

        Assert.Equal("r", rule.Name);
        Assert.Equal(action, rule.Action);
    }

    [Theory]
    [InlineData("gpu_temperature_c > 85 -> cloud", 86, false, 10, false, true)]
    [InlineData("gpu_temperature_c > 85 -> cloud", 85, false, 10, false, false)]
    [InlineData("gpu_temperature_c >= 85 -> cloud", 85, false, 10, false, true)]
    [InlineData("p95_latency_ms < 5 -> cloud", 60, false, 4.9, false, true)]
    [InlineData("p95_latency_ms <= 5 -> cloud", 60, false, 5.1, false, false)]
    [InlineData("p95_latency_ms == 10 -> cloud", 60, false, 10, false, true)]
    [InlineData("p95_latency_ms != 10 -> cloud", 60, false, 10, false, false)]
    [InlineData("link_down == true -> edge-only", 60, false, 10, true, true)]
    [InlineData("link_down == true -> edge-only", 60, false, 10, false, false)]
    [InlineData("throttled == true && gpu_temperature_c > 80 -> cloud", 81, true, 10, false, true)]
    [InlineData("throttled == true && gpu_temperature_c > 80 -> cloud", 81, false, 10, false, false)]
    [InlineData("gpu_temperature_c > -10.5 -> cloud", -10, false, 10, false, true)]
    public void Matches_HealthSnapshot_EvaluatesEveryCondition(string expression, double temperature, bool throttled, double p95, bool linkDown, bool expected)
    {
        var rule = RuleParser.Parse("r", expression);

        Assert.Equal(expected, rule.Matches(new EdgeHealth(temperature, throttled, p95, linkDown, DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Matches_UnknownHealth_NeverMatches()
    {
        var rule = RuleParser.Parse("r", "gpu_temperature_c > -1000 -> cloud");

        Assert.False(rule.Matches(null));
        Assert.True(rule.Matches(Healthy));
    }

    [Fact]
    public void Expression_ParsedRule_IsCanonicalAndParsesBack()
    {
        var rule = RuleParser.Parse("r", "throttled==true&&p95_latency_ms>=50.5->edge-only");

        Assert.Equal("throttled == true && p95_latency_ms >= 50.5 -> edge-only", rule.Expression);
        Assert.Equal(rule.Expression, RuleParser.Parse("r", rule.Expression).Expression);
    }

    [Theory]
    [InlineData("", "the rule is empty")]
    [InlineData("   ", "the rule is empty")]
    [InlineData("gpu_temp > 85 -> cloud", "unknown field 'gpu_temp' at position 1; known fields: gpu_temperature_c, p95_latency_ms, throttled, link_down")]
    [InlineData("GPU_TEMPERATURE_C > 85 -> cloud", "unknown field 'GPU_TEMPERATURE_C' at position 1")]
    [InlineData("85 > gpu_temperature_c -> cloud", "unknown field '85' at position 1")]
    [InlineData("gpu_temperature_c 85 -> cloud", "expected a comparison operator after 'gpu_temperature_c' but found '85' at position 19")]
    [InlineData("gpu_temperature_c = 85 -> cloud", "unknown operator '=' at position 19")]
    [InlineData("gpu_temperature_c > hot -> cloud", "'gpu_temperature_c' is numeric: expected a number but found 'hot' at position 21")]
    [InlineData("gpu_temperature_c > 8.5.1 -> cloud", "expected a number but found '8.5.1' at position 21")]
    [InlineData("gpu_temperature_c > 1e999 -> cloud", "expected a number but found '1e999'")]
    [InlineData("link_down > 0 -> edge-only", "operator '>' at position 11 does not apply to the boolean field 'link_down'; use == or !=")]
    [InlineData("link_down == yes -> edge-only", "'link_down' is boolean: expected true or false but found 'yes' at position 14")]
    [InlineData("link_down == true", "expected '&&' or '->' but found the end of the rule")]
    [InlineData("link_down == true edge-only", "expected '&&' or '->' but found 'edge-only' at position 19")]
    [InlineData("link_down == true ->", "unknown action the end of the rule; expected 'cloud' or 'edge-only'")]
    [InlineData("link_down == true -> edge", "unknown action 'edge' at position 22; expected 'cloud' or 'edge-only'")]
    [InlineData("link_down == true -> cloud now", "unexpected 'now' at position 28 after the action")]
    [InlineData("link_down == true && -> cloud", "unknown field '->' at position 22")]
    [InlineData("gpu_temperature_c > 85 || throttled == true -> cloud", "unexpected character '|' at position 24")]
    [InlineData("gpu_temperature_c > 85 & throttled == true -> cloud", "unexpected character '&' at position 24")]
    public void Parse_BadExpression_ThrowsNamingTheToken(string expression, string message)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("r", expression));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => RuleParser.Parse(null!, "link_down == true -> cloud"));
        Assert.Throws<ArgumentNullException>(() => RuleParser.Parse("r", null!));
    }
}

namespace HybridInference.Router.Routing.Rules;

/// <summary>A parsed rule: when every condition holds for the edge's health, <see cref="Action"/> applies.</summary>
public sealed record RoutingRule(string Name, IReadOnlyList<RuleCondition> Conditions, RuleAction Action)
{
    /// <summary>Unknown health never matches: a rule must not move traffic on data it does not have.</summary>
    public bool Matches(EdgeHealth? health) => health is not null && Conditions.All(c => c.Matches(health));

    /// <summary>The rule in canonical form, as the parser accepts it.</summary>
    public string Expression =>
        string.Join(" && ", Conditions) + " -> " + (Action == RuleAction.Cloud ? RuleParser.CloudAction : RuleParser.EdgeOnlyAction);
}

namespace HybridInference.Router.Routing;

/// <summary>
/// Why the cloud was (or would have been) asked, with its wire label: <c>low-confidence</c>, <c>priority</c>,
/// <c>rule:{name}</c>, <c>audit</c>, <c>fallback</c>.
/// </summary>
public readonly record struct EscalationReason(EscalationKind Kind, string? RuleName = null)
{
    public static EscalationReason LowConfidence { get; } = new(EscalationKind.LowConfidence);

    public static EscalationReason Priority { get; } = new(EscalationKind.Priority);

    public static EscalationReason Audit { get; } = new(EscalationKind.Audit);

    public static EscalationReason Fallback { get; } = new(EscalationKind.Fallback);

    public static EscalationReason ForRule(string name) => new(EscalationKind.Rule, name);

    public string Label => Kind switch
    {
        EscalationKind.LowConfidence => "low-confidence",
        EscalationKind.Priority => "priority",
        EscalationKind.Rule => "rule:" + RuleName,
        EscalationKind.Audit => "audit",
        EscalationKind.Fallback => "fallback",
        _ => throw new InvalidOperationException($"unknown escalation kind {Kind}"),
    };

    public override string ToString() => Label;
}

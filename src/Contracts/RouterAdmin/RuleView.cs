namespace HybridInference.Contracts.RouterAdmin;

/// <summary>One health rule in evaluation order: its expression and its action (<c>cloud</c> or <c>edge-only</c>).</summary>
public sealed record RuleView(string Name, string Expression, string Action);

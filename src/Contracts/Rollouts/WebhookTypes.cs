namespace HybridInference.Contracts.Rollouts;

/// <summary>When a webhook is called (Flagger's names where they exist).</summary>
public static class WebhookTypes
{
    public const string PreRollout = "pre-rollout";
    public const string Step = "rollout";
    public const string Promotion = "promotion";
    public const string Rollback = "rollback";
    public const string Gate = "gate";

    public static IReadOnlyList<string> All { get; } = [PreRollout, Step, Promotion, Rollback, Gate];
}

namespace HybridInference.Contracts.Chaos;

/// <summary>The expectation kinds of an experiment file.</summary>
public static class ExpectationKinds
{
    public const string BreakerOpens = "breaker-opens";
    public const string LeavesRotation = "leaves-rotation";
    public const string RuleFires = "rule-fires";

    /// <summary>The rollout a <c>rollout-start</c> action began reaches <c>rolled-back</c>, and its candidate answered only from canary devices.</summary>
    public const string RolloutRollsBack = "rollout-rolls-back";

    public static readonly IReadOnlyList<string> All = [BreakerOpens, LeavesRotation, RuleFires, RolloutRollsBack];
}

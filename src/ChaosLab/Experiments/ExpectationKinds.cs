namespace HybridInference.ChaosLab.Experiments;

/// <summary>The expectation kinds of an experiment file.</summary>
public static class ExpectationKinds
{
    public const string BreakerOpens = "breaker-opens";
    public const string LeavesRotation = "leaves-rotation";
    public const string RuleFires = "rule-fires";

    public static readonly IReadOnlyList<string> All = [BreakerOpens, LeavesRotation, RuleFires];
}

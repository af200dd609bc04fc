namespace HybridInference.ModelPipeline;

/// <summary>The steps of a run, in order (issue 7, steps 2-6; step 1, the trigger, is the command itself).</summary>
public static class PipelineSteps
{
    public const string Validate = "validate";
    public const string Train = "train";
    public const string Evaluate = "evaluate";
    public const string Register = "register";
    public const string Rollout = "rollout";

    public static IReadOnlyList<string> All { get; } = [Validate, Train, Evaluate, Register, Rollout];
}

namespace HybridInference.ModelPipeline.State;

/// <summary>Where a step is. A step left <see cref="Running"/> by a crash is run again on resume.</summary>
public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,

    /// <summary>Not asked for in this run (the rollout without --rollout).</summary>
    Skipped,
}

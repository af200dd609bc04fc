namespace HybridInference.ModelPipeline.State;

/// <summary>A run's overall state: <see cref="Stopped"/> is a run halted on purpose (StopAfter), resumable.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Stopped,
}

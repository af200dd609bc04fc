namespace HybridInference.ChaosLab.Experiments;

/// <summary>Where a run is: still running, or its verdict (passed, failed, aborted by the safety limit, or error when it could not run).</summary>
public enum RunStatus
{
    Running,
    Passed,
    Failed,
    Aborted,
    Error,
}

namespace HybridInference.ModelPipeline;

/// <summary>The <c>pipeline</c> command's exit codes, documented in docs/PIPELINE.md.</summary>
public static class PipelineExitCodes
{
    public const int Success = 0;

    /// <summary>A data check or an evaluation gate failed, or the registry refused a request; the report says which.</summary>
    public const int GateFailed = 1;

    public const int Usage = 2;

    /// <summary>The registry or the store could not be reached; resume the run when it is back.</summary>
    public const int Unavailable = 3;
}

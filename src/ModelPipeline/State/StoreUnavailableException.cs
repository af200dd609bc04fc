namespace HybridInference.ModelPipeline.State;

/// <summary>The Redis-protocol store could not be reached (exit code 3): the run's state cannot be kept.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

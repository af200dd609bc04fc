namespace HybridInference.ModelPipeline.Registry;

/// <summary>The registry could not be reached or answered with a server error: retry later (exit code 3).</summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

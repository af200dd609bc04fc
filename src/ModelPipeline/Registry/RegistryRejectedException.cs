namespace HybridInference.ModelPipeline.Registry;

/// <summary>The registry answered and refused the request (4xx); its problem detail is in the message.</summary>
public sealed class RegistryRejectedException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

namespace HybridInference.Inference.Serving;

/// <summary>Where ONNX Runtime runs the models.</summary>
public enum ExecutionProvider
{
    Cpu,

    /// <summary>CUDA when the native provider is present; CPU with a warning otherwise.</summary>
    Cuda,
}

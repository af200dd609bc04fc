namespace HybridInference.Training.Onnx;

/// <summary>
/// The signature every served model has; the router and the inference services rely on it.
/// </summary>
public static class OnnxContract
{
    /// <summary>FP32 [N, 784]: pixels byte/255 in [0,1], row-major 28x28.</summary>
    public const string InputName = "input";

    /// <summary>FP32 [N, 10]: class probabilities, each row sums to 1.</summary>
    public const string OutputName = "probabilities";

    /// <summary>The symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    public const int OpsetVersion = 13;

    public const long IrVersion = 8;
}

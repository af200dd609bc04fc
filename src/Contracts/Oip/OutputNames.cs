namespace HybridInference.Contracts.Oip;

/// <summary>
/// The outputs a client may ask for: the model's own (class probabilities) and two the server derives
/// from them, so a caller that only needs the decision does not ship and argmax ten floats per image.
/// The inference servers and the router answer them under these names.
/// </summary>
public static class OutputNames
{
    /// <summary>Index of the most probable class, INT64 [N].</summary>
    public const string TopClass = "top_class";

    /// <summary>Probability of the most probable class, FP32 [N].</summary>
    public const string Confidence = "confidence";

    /// <summary>Request parameter (bool) that adds <see cref="TopClass"/> and <see cref="Confidence"/> to the default outputs.</summary>
    public const string TopClassParameter = "top_class";

    /// <summary>Triton's classification extension: output parameter asking for the top k classes as BYTES "score:index[:label]".</summary>
    public const string ClassificationParameter = "classification";

    public static IReadOnlyList<string> ExtraNames { get; } = [TopClass, Confidence];

    /// <summary>Metadata of the derived outputs.</summary>
    public static IEnumerable<TensorMetadata> Extra() =>
    [
        new TensorMetadata(TopClass, Datatypes.Int64, [-1]),
        new TensorMetadata(Confidence, Datatypes.Fp32, [-1]),
    ];
}

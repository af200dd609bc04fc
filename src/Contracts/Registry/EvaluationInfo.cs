namespace HybridInference.Contracts.Registry;

/// <summary>A model card's test-set quality measured through ONNX Runtime, and the parity check against the trainer.</summary>
public sealed record EvaluationInfo(
    double TestAccuracy,
    double ValidationAccuracy,
    IReadOnlyList<ClassAccuracy> PerClass,
    int[][] ConfusionMatrix,
    double ExpectedCalibrationError,
    double MeanConfidence,
    double ParityMaxAbsDifference,
    int ParityPredictionMismatches);

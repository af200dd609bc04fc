namespace HybridInference.ModelPipeline.Gates;

/// <summary>One model measured on the held-out images in ONNX Runtime.</summary>
public sealed record ModelScore(double Accuracy, IReadOnlyList<double> ClassRecall, double P95LatencyMs, double MedianLatencyMs);

namespace HybridInference.Contracts.Registry;

/// <summary>A model card's ONNX Runtime CPU latency, median and p95 per call, on the training machine.</summary>
public sealed record LatencyInfo(
    double SingleImageMedianMs,
    double SingleImageP95Ms,
    double Batch64MedianMs,
    double Batch64P95Ms,
    int IntraOpThreads,
    string Machine);

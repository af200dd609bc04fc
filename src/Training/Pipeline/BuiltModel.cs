using HybridInference.Training.Cards;
using HybridInference.Training.Nn;

namespace HybridInference.Training.Pipeline;

/// <summary>
/// A trained, calibrated, exported and parity-checked model held in memory: the ONNX bytes, the card that
/// describes exactly those bytes, and ORT's probabilities on the test images.
/// </summary>
public sealed record BuiltModel(ModelSpec Spec, Network Network, byte[] Onnx, ModelCard Card, float[] TestProbabilities);

using HybridInference.Training.Cards;
using HybridInference.Training.Nn;

namespace HybridInference.Training.Pipeline;

/// <summary>A trained, exported and checked model: its network, card and test-set probabilities from ORT.</summary>
public sealed record TrainedModel(ModelSpec Spec, Network Network, ModelCard Card, float[] TestProbabilities);

using HybridInference.Training.Nn;

namespace HybridInference.Training.Pipeline;

/// <summary>What to train for one served model: its name, network shape and trainer settings.</summary>
public sealed record ModelSpec(string Name, string Role, string Architecture, Func<Network> Build, TrainerOptions Trainer);

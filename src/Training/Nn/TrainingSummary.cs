namespace HybridInference.Training.Nn;

/// <summary>What a training run did: settings, sample count, mean loss per epoch and wall time.</summary>
public sealed record TrainingSummary(TrainerOptions Options, int SampleCount, IReadOnlyList<double> EpochLosses, TimeSpan Duration);

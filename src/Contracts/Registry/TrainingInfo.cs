namespace HybridInference.Contracts.Registry;

/// <summary>A model card's training settings and outcome.</summary>
public sealed record TrainingInfo(
    int Seed,
    int Epochs,
    int BatchSize,
    double LearningRate,
    string LearningRateSchedule,
    double WeightDecay,
    string Optimizer,
    double Temperature,
    string TemperatureFittedOn,
    IReadOnlyList<double> EpochLosses,
    double DurationSeconds);

using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Pipeline;

/// <summary>What the evaluate command measured.</summary>
public sealed record EvaluationSummary(
    int TestCount,
    double EdgeAccuracy,
    double CloudAccuracy,
    IReadOnlyList<CascadeRow> Cascade,
    double TargetGapRecovered,
    CascadeRow? SmallestEscalation,
    IReadOnlyList<DegradationResult> Degradations);

/// <summary>Both models and the cascade (at the target threshold) on one kind of degraded input.</summary>
public sealed record DegradationResult(
    string Name,
    double EdgeAccuracy,
    double CloudAccuracy,
    double EdgeMeanConfidence,
    double CascadeAccuracy,
    double EscalatedShare);

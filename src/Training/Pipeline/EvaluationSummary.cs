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
    HeldOutThreshold HeldOut,
    IReadOnlyList<DegradationResult> Degradations);

/// <summary>
/// The threshold chosen for the target on the even-numbered test images (<paramref name="Chosen"/>) and what
/// it gives on the odd-numbered ones (<paramref name="Applied"/>): how well a threshold picked on one sample
/// of traffic carries over to new traffic.
/// </summary>
public sealed record HeldOutThreshold(CascadeRow? Chosen, CascadeRow? Applied);

/// <summary>Both models and the cascade (at the target threshold) on one kind of degraded input.</summary>
public sealed record DegradationResult(
    string Name,
    double EdgeAccuracy,
    double CloudAccuracy,
    double EdgeMeanConfidence,
    double CascadeAccuracy,
    double EscalatedShare);

namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// One check's outcome with the measured values always shown: both groups' values and sample sizes, the
/// degradation in the threshold's unit, the one-sided p-value, and why the verdict is what it is.
/// </summary>
public sealed record MetricResult(
    string Name,
    double Threshold,
    double? CanaryValue,
    double? ControlValue,
    double? Degradation,
    long CanarySamples,
    long ControlSamples,
    double? PValue,
    Verdict Verdict,
    string Reason);

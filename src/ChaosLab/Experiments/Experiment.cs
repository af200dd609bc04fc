using HybridInference.Faults.Model;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>A validated experiment: every value present and in range, defaults applied.</summary>
public sealed record Experiment(
    string Name,
    string Description,
    Experiment.TrafficPlan Traffic,
    Experiment.SteadyState Checks,
    IReadOnlyList<Experiment.ScheduledFault> Faults,
    Experiment.SafetyLimit Safety)
{
    public sealed record TrafficPlan(double RequestsPerSecond, int Concurrency, TimeSpan Duration, int FirstImage, TimeSpan Timeout, bool Priority)
    {
        /// <summary>How many requests the plan sends: the rate over the whole duration.</summary>
        public int Requests => Math.Max(1, (int)Math.Round(RequestsPerSecond * Duration.TotalSeconds));
    }

    /// <summary>The hypothesis; a null check is not part of it.</summary>
    public sealed record SteadyState(int? MaxUnanswered, double? P99Ms, bool AllRecorded, TimeSpan RecordsWait, AccuracyCheck? Accuracy);

    public sealed record AccuracyCheck(double Baseline, double MaxDropPoints);

    /// <summary>A fault request (validated, id set) injected at <see cref="Offset"/> for <see cref="Duration"/>.</summary>
    public sealed record ScheduledFault(TimeSpan Offset, TimeSpan Duration, FaultRequest Fault);

    public sealed record SafetyLimit(double MaxErrorRate, int MinRequests, TimeSpan Window);
}

namespace HybridInference.Contracts.Chaos;

/// <summary>A validated experiment: every value present and in range, defaults applied.</summary>
public sealed record Experiment(
    string Name,
    string Description,
    Experiment.TrafficPlan Traffic,
    Experiment.SteadyState Checks,
    IReadOnlyList<Experiment.ScheduledFault> Faults,
    Experiment.SafetyLimit Safety)
{
    /// <summary>Steps the harness takes, in offset order.</summary>
    public IReadOnlyList<ScheduledAction> Actions { get; init; } = [];

    public IReadOnlyList<Expectation> Expectations { get; init; } = [];

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

    /// <summary>A step the harness takes at <see cref="Offset"/> and confirms (<c>POST /api/experiments/runs/{run}/actions/{id}</c>).</summary>
    public sealed record ScheduledAction(string Id, TimeSpan Offset, string Kind, string? Resource, string? Model, string? Version)
    {
        public string Describe() => Kind switch
        {
            ActionKinds.ModelUpdate => $"model-update {Model} to version {Version}",
            ActionKinds.RolloutStart => $"rollout-start of a {Model} candidate",
            _ => $"{Kind} {Resource}",
        };
    }

    /// <summary>
    /// <see cref="Kind"/> within <see cref="Within"/> of the start of step <see cref="After"/>; for <c>rule-fires</c>
    /// after a fault, also that the rule stops within the same time of the fault's end.
    /// </summary>
    public sealed record Expectation(string Kind, string? Node, string? Rule, string After, TimeSpan Within)
    {
        public string Describe() => Kind switch
        {
            ExpectationKinds.RuleFires => $"rule {Rule} fires within {Within.TotalSeconds} s of {After}",
            ExpectationKinds.RolloutRollsBack => $"the rollout of {After} is rolled back within {Within.TotalSeconds} s, its candidate answering only from canary devices",
            _ => $"{Node} {(Kind == ExpectationKinds.BreakerOpens ? "breaker opens" : "leaves rotation")} within {Within.TotalSeconds} s of {After}",
        };
    }
}

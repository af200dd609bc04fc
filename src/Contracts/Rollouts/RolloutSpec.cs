namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// What a user asks for when starting a rollout (the body of <c>POST /api/rollouts</c>): which version
/// replaces which, in what steps, judged by which checks. Defaults follow Flagger's: a 5 % canary, a
/// handful of steps, abort after a small number of failed analyses.
/// </summary>
public sealed record RolloutSpec
{
    /// <summary>The model rolled out, e.g. <c>fashion-edge</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The candidate version; or <see cref="CandidateAlias"/>.</summary>
    public int? CandidateVersion { get; init; }

    /// <summary>An alias resolved to the candidate version at start (e.g. <c>challenger</c>).</summary>
    public string? CandidateAlias { get; init; }

    /// <summary>The version the control group keeps; defaults to the <c>champion</c> alias, else version 1.</summary>
    public int? StableVersion { get; init; }

    /// <summary>Share of the fleet's devices on the candidate at each step, in percent, increasing, ending at 100.</summary>
    public IReadOnlyList<int> Steps { get; init; } = [5, 25, 50, 100];

    /// <summary>Seconds between analyses.</summary>
    public int IntervalSeconds { get; init; } = 60;

    /// <summary>Successful analyses needed at a step before the next step.</summary>
    public int SuccessesPerStep { get; init; } = 1;

    /// <summary>Failed analyses (in the whole rollout) that abort it: Flagger's <c>threshold</c>.</summary>
    public int FailureLimit { get; init; } = 2;

    /// <summary>
    /// Inconclusive analyses in a row at which the rollout is rolled back (Argo Rollouts' inconclusiveLimit):
    /// a canary that gets too little traffic to judge, or always borderline results, must not hang forever.
    /// 0 = never.
    /// </summary>
    public int InconclusiveLimit { get; init; } = 10;

    /// <summary>Samples each of canary and control need in a window before a metric can be judged.</summary>
    public int MinSamples { get; init; } = 50;

    /// <summary>Significance level of the one-sided tests that confirm a degradation.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The checks; the defaults cover accuracy, escalations, confidence, latency and errors.</summary>
    public IReadOnlyList<MetricCheck> Metrics { get; init; } = MetricCheck.Defaults;

    public IReadOnlyList<WebhookSpec> Webhooks { get; init; } = [];

    /// <summary>Who starts it (also taken from the X-Actor header).</summary>
    public string? Actor { get; init; }

    public string? Reason { get; init; }
}

namespace HybridInference.Rollouts.Control;

/// <summary>Settings of the rollout controller (section <c>Rollouts</c>), checked at start by <see cref="RolloutOptionsValidator"/>.</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollouts";

    /// <summary>How often the controller looks at active rollouts; analyses run at each rollout's own interval. <value>Defaults to 1 s (0.05 to 60).</value></summary>
    public double TickSeconds { get; set; } = 1;

    /// <summary>How long one replica owns a rollout after its last tick; another replica takes over after that. <value>Defaults to 15 s (1 to 600).</value></summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>Analyses kept in a rollout's document (the oldest are dropped from the timeline past this). <value>Defaults to 500 (10 to 10,000).</value></summary>
    public int MaxAnalysesKept { get; set; } = 500;

    /// <summary>Timeout of one attempt of a webhook call. <value>Defaults to 5 s (1 to 120).</value></summary>
    public int WebhookTimeoutSeconds { get; set; } = 5;

    /// <summary>Attempts of one webhook call, the first included, on a transport error, a timeout or a 5xx. <value>Defaults to 3 (1 to 10).</value></summary>
    public int WebhookAttempts { get; set; } = 3;

    /// <summary>The first retry's median delay in milliseconds; each later one doubles, with jitter. <value>Defaults to 200 ms (0 to 60,000).</value></summary>
    public int WebhookRetryDelayMilliseconds { get; set; } = 200;
}

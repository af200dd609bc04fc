using System.ComponentModel.DataAnnotations;

namespace HybridInference.Rollouts.Control;

/// <summary>Settings of the rollout controller (section <c>Rollouts</c>).</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollouts";

    /// <summary>How often the controller looks at active rollouts; analyses run at each rollout's own interval.</summary>
    [Range(0.05, 60)]
    public double TickSeconds { get; set; } = 1;

    /// <summary>How long one replica owns a rollout after its last tick; another replica takes over after that.</summary>
    [Range(1, 600)]
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>Analyses kept in a rollout's document (the oldest are dropped from the timeline past this).</summary>
    [Range(10, 10_000)]
    public int MaxAnalysesKept { get; set; } = 500;

    /// <summary>Timeout of one webhook call; each call is tried 3 times with backoff.</summary>
    [Range(1, 120)]
    public int WebhookTimeoutSeconds { get; set; } = 5;
}

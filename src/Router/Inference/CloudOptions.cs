using System.ComponentModel.DataAnnotations;

namespace HybridInference.Router.Inference;

/// <summary>
/// Where the cloud tier is and how the router's cloud client treats failures (section <c>Cloud</c>): each attempt
/// has a timeout, a failed call is retried with jitter (inference is idempotent), and a circuit breaker stops
/// calling a cloud that keeps failing, so requests take the edge answer instead of waiting on it. The numbers are
/// checked at start by <see cref="CloudOptionsValidator"/>.
/// </summary>
public sealed class CloudOptions
{
    public const string SectionName = "Cloud";

    /// <summary>
    /// The cloud inference service. <value>Defaults to <c>http://cloud-inference</c>, resolved by service
    /// discovery (Aspire injects <c>services:cloud-inference:http:0</c>).</value>
    /// </summary>
    [Required]
    public string Address { get; set; } = "http://cloud-inference";

    /// <summary>A cloud call slower than this counts as a failure. <value>Defaults to 2000 ms.</value></summary>
    [Range(10, 600_000)]
    public int TimeoutMs { get; set; } = 2_000;

    /// <summary>Retries of a failed cloud call, 0-10; 0 = none. <value>Defaults to 1.</value></summary>
    public int RetryAttempts { get; set; } = 1;

    /// <summary>The retry's delay before jitter, 0-10000 ms. <value>Defaults to 50 ms.</value></summary>
    public int RetryDelayMs { get; set; } = 50;

    /// <summary>Share of failed calls in the sampling window that opens the cloud breaker, 0.01-1. <value>Defaults to 0.5.</value></summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls the window must hold before the ratio counts, 2-10000. <value>Defaults to 5.</value></summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>The window the ratio is computed over, 0.5-600 s. <value>Defaults to 30 s.</value></summary>
    public double BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open breaker refuses cloud calls before one trial call, 0.5-3600 s. <value>Defaults to 5 s.</value></summary>
    public double BreakerBreakSeconds { get; set; } = 5;
}

using System.ComponentModel.DataAnnotations;

namespace HybridInference.Clients.Resilience;

/// <summary>
/// The numbers of one typed client's resilience pipeline (total timeout, retries with jittered exponential
/// backoff, circuit breaker, per-attempt timeout), bound from <c>Clients:{pipeline}:Resilience</c>. The defaults
/// are those of Microsoft.Extensions.Http.Resilience's standard handler; each client may start from its own.
/// </summary>
public sealed class ClientResilienceOptions
{
    /// <summary>The whole call, retries included. <value>Defaults to 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt. <value>Defaults to 10 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt; 0 turns retrying off. <value>Defaults to 3.</value></summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's median delay; later ones grow exponentially, with jitter. <value>Defaults to 2 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether POST, PUT, PATCH and DELETE are retried too. Off by default: a command that reached the service
    /// but whose answer was lost must not be applied twice. <value>Defaults to false.</value>
    /// </summary>
    public bool RetryUnsafeMethods { get; set; }

    /// <summary>Whether the pipeline has a circuit breaker. <value>Defaults to true.</value></summary>
    public bool CircuitBreaker { get; set; } = true;

    /// <summary>Share of failed calls in the sampling window that opens the breaker. <value>Defaults to 0.1.</value></summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Calls in the sampling window before the breaker may open. <value>Defaults to 100.</value></summary>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 100;

    /// <summary>The window the failure ratio is measured over. <value>Defaults to 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker rejects calls. <value>Defaults to 5 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

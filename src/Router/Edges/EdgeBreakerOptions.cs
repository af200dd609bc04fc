namespace HybridInference.Router.Edges;

/// <summary>
/// The circuit breaker each edge node has in the router (section <c>Edges:Breaker</c>). The defaults are
/// strict on purpose: another node is always the fallback, so a node that fails one call in ten is better
/// left alone for a few seconds than asked again and failed over from.
/// </summary>
public sealed class EdgeBreakerOptions
{
    public const string SectionName = "Edges:Breaker";

    /// <summary>Share of failed calls (5xx, 408, 429, refused, timed out) in the sampling window that opens the breaker. <value>Defaults to 0.1.</value></summary>
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>Calls the window must hold before the ratio counts, so one early failure opens nothing. <value>Defaults to 8.</value></summary>
    public int MinimumThroughput { get; set; } = 8;

    /// <summary>The window the ratio is computed over. <value>Defaults to 10 s.</value></summary>
    public double SamplingSeconds { get; set; } = 10;

    /// <summary>How long an open breaker keeps the node out of rotation before one trial call (half-open). <value>Defaults to 5 s.</value></summary>
    public double BreakSeconds { get; set; } = 5;
}

namespace HybridInference.Router.Links;

/// <summary>When the site-to-cloud link counts as down, and how it is found up again (section <c>Links:Cloud</c>).</summary>
public sealed class CloudLinkOptions
{
    public const string SectionName = "Links:Cloud";

    /// <summary>Consecutive cloud calls failing in transport (no answer at all) that make the link down; 0 = never by count. <value>Defaults to 3.</value></summary>
    public int DownAfterFailures { get; set; } = 3;

    /// <summary>Whether the cloud client's circuit breaker opening makes the link down. <value>Defaults to true.</value></summary>
    public bool DownWhenBreakerOpens { get; set; } = true;

    /// <summary>Seconds between probes of the cloud (<c>GET /v2/health/live</c>) while the link is down. <value>Defaults to 2.</value></summary>
    public double ProbeSeconds { get; set; } = 2;

    /// <summary>A probe slower than this fails. <value>Defaults to 1000 ms.</value></summary>
    public int ProbeTimeoutMs { get; set; } = 1_000;
}

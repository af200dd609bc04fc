using System.ComponentModel.DataAnnotations;

namespace HybridInference.Registry.Rollouts;

/// <summary>Where a cloud rollout sets its weights and asks whether the candidate is served (section <c>CloudTraffic</c>).</summary>
public sealed class CloudTrafficOptions
{
    public const string SectionName = "CloudTraffic";

    /// <summary>The router's HTTP address (its admin API). <value>Defaults to <c>services:router:http:0</c>; unset, cloud rollouts are refused (409).</value></summary>
    public string? RouterAddress { get; set; }

    /// <summary>The cloud server's HTTP address (OIP readiness). <value>Defaults to <c>services:cloud-inference:http:0</c>.</value></summary>
    public string? CloudAddress { get; set; }

    /// <summary>Timeout of one call to the router or the cloud. <value>Defaults to 5 s.</value></summary>
    [Range(0.1, 120, ErrorMessage = "CloudTraffic:TimeoutSeconds must be between 0.1 and 120.")]
    public double TimeoutSeconds { get; set; } = 5;
}

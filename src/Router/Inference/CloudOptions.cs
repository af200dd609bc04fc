using System.ComponentModel.DataAnnotations;

namespace HybridInference.Router.Inference;

/// <summary>Where the cloud tier is (section <c>Cloud</c>).</summary>
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
}

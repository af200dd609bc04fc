namespace HybridInference.Router.Fleet;

/// <summary>How the router follows the registry's fleet manager (section <c>Fleet</c>).</summary>
public sealed class FleetOptions
{
    public const string SectionName = "Fleet";

    /// <summary>
    /// The registry's HTTP address. <value>Defaults to <c>http://registry</c> (service discovery) when Aspire
    /// injects <c>services:registry:http:0</c>; with neither, the router follows no registry and judges edge
    /// nodes by its own checks only.</value>
    /// </summary>
    public string? RegistryAddress { get; set; }

    /// <summary>Seconds between reads of the device list. <value>Defaults to 2.</value></summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>A read slower than this fails, and the last good list stays in use. <value>Defaults to 1000 ms.</value></summary>
    public int TimeoutMs { get; set; } = 1_000;
}

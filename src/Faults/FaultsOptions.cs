namespace HybridInference.Faults;

/// <summary>How a service follows the faults ChaosLab sets (section <c>Faults</c>).</summary>
public sealed class FaultsOptions
{
    public const string SectionName = "Faults";

    /// <summary>Whether the service applies faults at all. <value>Defaults to true.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the store is read for faults, 50-1000 ms. <value>Defaults to 500 ms.</value></summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>The name faults are addressed to. <value>Defaults to <c>Presence:Service</c>, else <c>OTEL_SERVICE_NAME</c>, else the application name.</value></summary>
    public string? Service { get; set; }
}

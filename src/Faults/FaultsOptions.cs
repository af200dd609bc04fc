namespace HybridInference.Faults;

/// <summary>How a service follows the faults ChaosLab sets (section <c>Faults</c>).</summary>
public sealed class FaultsOptions
{
    public const string SectionName = "Faults";

    /// <summary>
    /// Whether the service follows and applies faults at all. Off unless a deployment turns it on: a production
    /// service must not carry an open switch that lets whoever can write the store fail its requests. The AppHost
    /// turns it on for every service it runs (development and the whole-app tests). <value>Defaults to false.</value>
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How often the store is read for faults, 50-1000 ms. <value>Defaults to 500 ms.</value></summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>The name faults are addressed to. <value>Defaults to <c>Presence:Service</c>, else <c>OTEL_SERVICE_NAME</c>, else the application name.</value></summary>
    public string? Service { get; set; }
}

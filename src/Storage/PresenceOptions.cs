using System.ComponentModel.DataAnnotations;

namespace HybridInference.Storage;

/// <summary>How a service announces itself in the store so others can see who is up.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>The service's name. <value>Defaults to OTEL_SERVICE_NAME (the Aspire resource name), else the application name.</value></summary>
    public string? Service { get; set; }

    /// <summary>This process among replicas of the service. <value>Defaults to host name and process id.</value></summary>
    public string? Instance { get; set; }

    /// <summary>What the service is (router, edge, cloud, registry, chaoslab).</summary>
    public string? Role { get; set; }

    /// <summary>The site the service runs at (edge nodes), or empty for central services.</summary>
    public string? Site { get; set; }

    /// <summary>How often the record is refreshed. <value>Defaults to 5 s.</value></summary>
    [Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How long a record outlives its last refresh. <value>Defaults to 20 s.</value></summary>
    [Range(2, 86_400)]
    public int TimeToLiveSeconds { get; set; } = 20;
}

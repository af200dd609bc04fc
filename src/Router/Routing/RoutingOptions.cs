namespace HybridInference.Router.Routing;

/// <summary>
/// The <c>Routing</c> configuration section: per-model decision settings and the health rules. Read through
/// <c>IOptionsMonitor</c>, so a configuration reload changes routing without a restart.
/// </summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <value>Decision settings by model name as clients request it (<c>Routing:Models:{name}</c>).</value>
    public Dictionary<string, ModelRoutingOptions> Models { get; init; } = new(StringComparer.Ordinal);

    /// <value>Health rules, evaluated in order per request (<c>Routing:Rules:{index}</c>). Defaults to none.</value>
    public List<RuleOptions> Rules { get; init; } = [];

    /// <value>
    /// Age after which an edge node's health report counts as unknown, so rules stop acting on it. Defaults to 15
    /// (three missed reports at the presence interval of 5 s).
    /// </value>
    public double HealthMaxAgeSeconds { get; set; } = RoutingDefaults.HealthMaxAgeSeconds;
}

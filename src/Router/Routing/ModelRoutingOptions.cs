namespace HybridInference.Router.Routing;

/// <summary>Decision settings of one model (<c>Routing:Models:{name}</c>).</summary>
public sealed class ModelRoutingOptions
{
    /// <value>
    /// Edge top-class probability needed to keep the edge answer, in [0,1]; below it the request escalates.
    /// Required: the right value depends on the deployed models (see <c>Training.Cli threshold</c>).
    /// </value>
    public double? Threshold { get; set; }

    /// <value>Share of confident edge answers also sent to the cloud for measurement, in [0,1]. Defaults to 0.001.</value>
    public double AuditRate { get; set; } = RoutingDefaults.AuditRate;

    /// <value>Cloud calls per second allowed per site for this model, above 0. Defaults to 100.</value>
    public double MaxEscalationsPerSecondPerSite { get; set; } = RoutingDefaults.MaxEscalationsPerSecondPerSite;

    /// <value>The model edge nodes serve for this logical model. Defaults to <c>{name}-edge</c>.</value>
    public string? EdgeModel { get; set; }

    /// <value>The model the cloud serves for this logical model. Defaults to <c>{name}-cloud</c>.</value>
    public string? CloudModel { get; set; }
}

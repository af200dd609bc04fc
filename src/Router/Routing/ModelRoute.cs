namespace HybridInference.Router.Routing;

/// <summary>The validated decision settings of one model, as in effect.</summary>
/// <param name="EdgeModel">The served model edge nodes are asked for.</param>
/// <param name="CloudModel">The served model the cloud is asked for.</param>
public sealed record ModelRoute(string Model, double Threshold, double AuditRate, double MaxEscalationsPerSecondPerSite, string EdgeModel, string CloudModel)
{
    /// <summary>Settings with the served model names derived from the logical one.</summary>
    public ModelRoute(string model, double threshold, double auditRate, double maxEscalationsPerSecondPerSite)
        : this(model, threshold, auditRate, maxEscalationsPerSecondPerSite, model + "-edge", model + "-cloud")
    {
    }
}

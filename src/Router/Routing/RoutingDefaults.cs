namespace HybridInference.Router.Routing;

/// <summary>Default values of the routing settings, in one place so docs and code agree.</summary>
public static class RoutingDefaults
{
    /// <summary>Groundlight's confident_audit_rate: enough to measure edge accuracy, too little to cost.</summary>
    public const double AuditRate = 0.001;

    public const double MaxEscalationsPerSecondPerSite = 100;

    public const double HealthMaxAgeSeconds = 15;
}

namespace HybridInference.Router.Routing;

/// <summary>The validated decision settings of one model, as in effect.</summary>
public sealed record ModelRoute(string Model, double Threshold, double AuditRate, double MaxEscalationsPerSecondPerSite);

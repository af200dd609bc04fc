namespace HybridInference.Contracts.RouterAdmin;

/// <summary>One routed model's settings in effect: its confidence threshold, audit rate and escalation limit.</summary>
public sealed record ModelView(string Name, double Threshold, double AuditRate, double MaxEscalationsPerSecondPerSite);

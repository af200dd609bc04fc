namespace HybridInference.Contracts.Fleet;

/// <summary>Request headers the fleet API reads.</summary>
public static class FleetHeaders
{
    /// <summary>Who makes a desired-state change, when the body names no <c>actor</c>: the audit trail records it.</summary>
    public const string Actor = "X-Actor";
}

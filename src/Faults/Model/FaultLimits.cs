namespace HybridInference.Faults.Model;

/// <summary>The bounds every fault is held to, so a mistyped request cannot leave the mesh broken for long.</summary>
public static class FaultLimits
{
    /// <summary>Longest a fault may last, and furthest ahead it may start.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Shortest a fault may last: less is below the services' poll period and would be missed.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>How far in the past a start may be (clocks of client and ChaosLab differ a little).</summary>
    public static readonly TimeSpan StartSkew = TimeSpan.FromMinutes(1);

    public const int MaxLatencyMs = 60_000;

    public const int MaxStoredFaults = 1_000;
}

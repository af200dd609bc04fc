using HybridInference.Faults.Model;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// The bounds faults read back from the store are held to (section <c>Faults:Limits</c>), checked at start by
/// <see cref="StoredFaultLimitsValidator"/>: the store is written by ChaosLab's API, but anything that can write
/// the store could write a fault there too.
/// </summary>
public sealed class StoredFaultLimits
{
    public const string Section = "Faults:Limits";

    /// <summary>
    /// The longest a fault lasts, from its start and from when this process first saw it; a longer one is cut short
    /// here. At most the API's own hour. <value>Defaults to 3600 s (1 to 3600).</value>
    /// </summary>
    public int MaxDurationSeconds { get; set; } = (int)FaultLimits.MaxDuration.TotalSeconds;

    /// <summary>The most faults active at once: ChaosLab refuses more, and a reader applies only the oldest this many. <value>Defaults to 100 (1 to 1000).</value></summary>
    public int MaxActive { get; set; } = 100;

    public TimeSpan MaxDuration => TimeSpan.FromSeconds(MaxDurationSeconds);
}

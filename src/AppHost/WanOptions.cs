namespace HybridInference.AppHost;

/// <summary>
/// The simulated wide-area link between the sites and the cloud (section <c>Wan</c>), so that asking the
/// cloud costs in development what it costs in the field.
/// </summary>
internal sealed class WanOptions
{
    public const string SectionName = "Wan";

    /// <summary>Added round-trip time to the cloud. <value>Defaults to 40 ms.</value></summary>
    public double LatencyMs { get; set; } = 40;

    /// <summary>Random extra round-trip time, up to this much. <value>Defaults to 5 ms.</value></summary>
    public double JitterMs { get; set; } = 5;

    /// <summary>Bandwidth in kbit/s for request and answer bodies; 0 = unlimited. <value>Defaults to 0.</value></summary>
    public double BandwidthKbps { get; set; }

    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (LatencyMs is < 0 or > 60_000 || !double.IsFinite(LatencyMs))
        {
            errors.Add($"Wan:LatencyMs must be between 0 and 60000, got {LatencyMs}.");
        }

        if (JitterMs is < 0 or > 60_000 || !double.IsFinite(JitterMs))
        {
            errors.Add($"Wan:JitterMs must be between 0 and 60000, got {JitterMs}.");
        }

        if (BandwidthKbps is < 0 || !double.IsFinite(BandwidthKbps))
        {
            errors.Add($"Wan:BandwidthKbps must be 0 (unlimited) or positive, got {BandwidthKbps}.");
        }

        return errors;
    }
}

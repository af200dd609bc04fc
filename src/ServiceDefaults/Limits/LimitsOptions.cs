namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// Request limits every service shares (section <c>Limits</c>): rate limits per client for inference and for admin
/// APIs, and the body size of JSON endpoints. Validated at start; each error names its key.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>The default of <see cref="JsonBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultJsonBodyBytes = 1024 * 1024;

    /// <summary>
    /// Inference per client. Off by default: in development inference is open (every caller is its remote address,
    /// and all of a developer's or a test's traffic is one loopback client), and the benchmarks measure one client's
    /// throughput. Set it where clients have identities (<c>Auth:InferenceRequiresToken</c>), as in the cluster.
    /// </summary>
    public ClientRateLimit Inference { get; set; } = new();

    /// <summary>Admin and control APIs per token subject. On by default at 200 per second, burst 400.</summary>
    public ClientRateLimit Admin { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };

    /// <summary>The largest request body of a JSON endpoint (admin and control APIs). Defaults to 1 MiB.</summary>
    public long JsonBodyBytes { get; set; } = DefaultJsonBodyBytes;
}

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// One rate-limit policy's numbers: a token bucket per client holding <see cref="Burst"/> permits, refilled by
/// <see cref="PermitsPerSecond"/> every second. A request that finds the bucket empty is refused with 429 and
/// <c>Retry-After</c>, never queued.
/// </summary>
public sealed class ClientRateLimit
{
    /// <summary>Permits added to each client's bucket every second; 0 turns the policy off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>The most permits a client can spend at once (the bucket's size). Defaults to twice <see cref="PermitsPerSecond"/>.</summary>
    public int? Burst { get; set; }

    /// <summary>Whether the policy limits anything.</summary>
    public bool IsOn => PermitsPerSecond > 0;

    /// <summary>The bucket's size.</summary>
    public int TokenLimit => Burst ?? checked(PermitsPerSecond * 2);
}

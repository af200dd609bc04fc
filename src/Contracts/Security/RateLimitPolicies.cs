namespace HybridInference.Contracts.Security;

/// <summary>
/// The rate-limit policies an endpoint names (ASP.NET Core's <c>RequireRateLimiting</c>), each limiting one client at a
/// time: inference per authenticated client or API key (else per remote address), admin APIs per token subject. The
/// numbers are the services' <c>Limits</c> settings; health probes name none and are never limited.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Inference calls (<c>Limits:Inference</c>).</summary>
    public const string Inference = "inference";

    /// <summary>Admin and control APIs, every <c>/api/*</c> and <c>/admin/*</c> group (<c>Limits:Admin</c>).</summary>
    public const string Admin = "admin";
}

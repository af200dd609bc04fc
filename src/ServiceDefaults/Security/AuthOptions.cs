namespace HybridInference.ServiceDefaults.Security;

/// <summary>
/// How a service authenticates its callers (section <c>Auth</c>). On by default: a service with neither an
/// <see cref="Authority"/> nor a <see cref="SigningKey"/> does not start unless <see cref="Enabled"/> is false, which
/// it logs as a critical warning at every start.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>False opens every endpoint to anonymous callers (who then hold every scope). For local experiments only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An OIDC issuer (Keycloak realm, Entra ID tenant, Dex): its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must name (<c>aud</c>).</summary>
    public string Audience { get; set; } = HybridInference.Security.DevTokens.Audience;

    /// <summary>The issuer tokens signed with <see cref="SigningKey"/> must name (<c>iss</c>).</summary>
    public string Issuer { get; set; } = HybridInference.Security.DevTokens.Issuer;

    /// <summary>Base64 of a symmetric HS256 key (at least 32 bytes): the development issuer the AppHost runs. A secret.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS (false only for a local issuer).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference between issuer and service when checking <c>exp</c>/<c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Whether inference calls need a token with <c>inference</c> or an API key (on in the cluster configuration).</summary>
    public bool InferenceRequiresToken { get; set; }

    /// <summary>
    /// Inference API keys by client name: the lowercase hex SHA-256 of each key (the key itself is never configured),
    /// sent as <c>X-Api-Key</c>. A key authenticates its client with the <c>inference</c> scope only.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);
}

namespace HybridInference.ServiceDefaults.Security;

/// <summary>The authentication schemes a service registers.</summary>
public static class AuthSchemes
{
    /// <summary>The default: forwards to <see cref="ApiKey"/> when an <c>X-Api-Key</c> header is sent, else to <see cref="Bearer"/>.</summary>
    public const string Default = "HybridInference";

    /// <summary>JWT bearer tokens (JwtBearer's own scheme name).</summary>
    public const string Bearer = "Bearer";

    /// <summary>Inference API keys.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>Authentication turned off: everyone is let in.</summary>
    public const string Open = "Open";

    public const string ApiKeyHeader = "X-Api-Key";
}

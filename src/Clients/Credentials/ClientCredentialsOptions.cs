namespace HybridInference.Clients.Credentials;

/// <summary>
/// A service's own credential for the calls it makes (section <c>Auth:Client</c>): a token (the AppHost gives each
/// service one in development), or a token file that something else keeps fresh (a Kubernetes projected service
/// account token, a sidecar that runs the client-credentials flow), read again whenever it changes.
/// </summary>
public sealed class ClientCredentialsOptions
{
    public const string SectionName = "Auth:Client";

    public string? Token { get; set; }

    public string? TokenFile { get; set; }
}

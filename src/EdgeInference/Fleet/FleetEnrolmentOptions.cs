namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// How the node gets its device credential (section <c>Fleet:Enrolment</c>): with a bootstrap secret it enrols once at
/// the registry (<c>POST /api/fleet/enrolments</c>) and keeps the credential in <see cref="CredentialFile"/>; without one
/// it uses <c>Auth:Client</c> as given (a token minted elsewhere).
/// </summary>
public sealed class FleetEnrolmentOptions
{
    public const string SectionName = FleetAgentOptions.SectionName + ":Enrolment";

    /// <summary>The registry's bootstrap secret (a secret: an environment variable or a mounted file's content). Unset: no enrolment.</summary>
    public string? BootstrapSecret { get; set; }

    /// <summary>
    /// Where the credential is kept (mode 600), and read from on every call (<c>Auth:Client:TokenFile</c> points here).
    /// <value>Defaults to <c>device.credential</c> in the node's cache directory, <c>{Fleet:CacheDirectory}/{Edge:DeviceId}</c>.</value>
    /// </summary>
    public string? CredentialFile { get; set; }

    /// <summary>Whether the node enrols itself.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapSecret);
}

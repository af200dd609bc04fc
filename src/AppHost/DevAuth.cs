using System.Security.Cryptography;
using System.Text;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost;

/// <summary>
/// The development identity provider: one HS256 signing key per AppHost run (or <c>Auth:SigningKey</c>), given to
/// every service as a secret parameter, a token per service carrying the scopes its own calls need, and an operator
/// token with every scope written to <see cref="OperatorTokenFile"/> for <c>hi login --dev</c> and curl. A cluster
/// replaces all of this with an OIDC issuer (docs/SECURITY.md). Devices get no token from here: each run has one
/// bootstrap secret that the edge nodes enrol with at the registry (which gets only its hash and its own
/// device-credential key), as devices in the field do.
/// </summary>
internal sealed class DevAuth
{
    public const string SectionName = "Auth";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<ParameterResource> _key;
    private readonly string _keyValue;
    private readonly TimeSpan _lifetime;
    private readonly IResourceBuilder<ParameterResource> _bootstrapSecret;
    private readonly string _bootstrapHash;
    private readonly IResourceBuilder<ParameterResource> _deviceCredentialKey;

    /// <summary>The name of the run's bootstrap secret at the registry (<c>Registry:Enrolment:BootstrapSecrets:dev</c>): enrolments' actor <c>bootstrap:dev</c>.</summary>
    public const string BootstrapSecretName = "dev";

    private DevAuth(IDistributedApplicationBuilder builder)
    {
        _builder = builder;
        var section = builder.Configuration.GetSection(SectionName);
        _keyValue = section["SigningKey"] is { Length: > 0 } configured ? configured : DevTokens.NewSigningKey();
        if (!DevTokens.IsValidKey(_keyValue))
        {
            throw new DistributedApplicationException($"Auth:SigningKey must be base64 of at least {DevTokens.KeyBytes} bytes");
        }

        var hours = section.GetValue("TokenLifetimeHours", 168.0);
        if (hours is <= 0 or > 24 * 90)
        {
            throw new DistributedApplicationException($"Auth:TokenLifetimeHours must be in (0, 2160]; got {hours}");
        }

        _lifetime = TimeSpan.FromHours(hours);
        OperatorTokenFile = section["OperatorTokenFile"] is { Length: > 0 } file ? Path.GetFullPath(file) : DefaultOperatorTokenFile;
        _key = builder.AddParameter("auth-signing-key", _keyValue, secret: true);

        var bootstrap = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _bootstrapHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bootstrap)));
        _bootstrapSecret = builder.AddParameter("fleet-bootstrap-secret", bootstrap, secret: true);
        _deviceCredentialKey = builder.AddParameter("device-credential-key", DevTokens.NewSigningKey(), secret: true);
    }

    /// <summary>Where <c>hi login --dev</c> looks: <c>~/.hybridinference/operator.token</c>.</summary>
    public static string DefaultOperatorTokenFile { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hybridinference", "operator.token");

    public string OperatorTokenFile { get; }

    public static DevAuth Create(IDistributedApplicationBuilder builder)
    {
        var auth = new DevAuth(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            auth.WriteOperatorToken();
        }

        return auth;
    }

    /// <summary>The service validates tokens of this run's key and calls others as <paramref name="subject"/> with <paramref name="scopes"/>.</summary>
    public IResourceBuilder<ProjectResource> Apply(IResourceBuilder<ProjectResource> service, string subject, IReadOnlyCollection<string> scopes, IReadOnlyDictionary<string, string>? claims = null)
    {
        var token = DevTokens.Issue(_keyValue, new DevToken(subject, scopes, _lifetime) { Claims = claims }, TimeProvider.System);
        var parameter = _builder.AddParameter($"auth-token-{service.Resource.Name}", token, secret: true);
        return service
            .WithEnvironment("Auth__SigningKey", _key)
            .WithEnvironment("Auth__Client__Token", parameter);
    }

    /// <summary>The registry accepts enrolments with this run's bootstrap secret (its hash only) and signs device credentials with its own key.</summary>
    public IResourceBuilder<ProjectResource> ApplyEnrolmentAuthority(IResourceBuilder<ProjectResource> registry) =>
        registry
            .WithEnvironment($"Registry__Enrolment__BootstrapSecrets__{BootstrapSecretName}__Hash", _bootstrapHash)
            .WithEnvironment("Registry__Enrolment__SigningKey", _deviceCredentialKey);

    /// <summary>
    /// An edge node validates this run's tokens on its own endpoints, and enrols itself with the bootstrap secret for the
    /// credential it calls the registry with (no token from here: its identity is the registry's to give).
    /// </summary>
    public IResourceBuilder<ProjectResource> ApplyDevice(IResourceBuilder<ProjectResource> edge) =>
        edge
            .WithEnvironment("Auth__SigningKey", _key)
            .WithEnvironment("Fleet__Enrolment__BootstrapSecret", _bootstrapSecret);

    // Written when the app starts, not when it is built: a run that fails its checks leaves the last token alone.
    private void WriteOperatorToken()
    {
        var file = OperatorTokenFile;
        _builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var token = DevTokens.Issue(_keyValue, new DevToken("operator", Scopes.All, _lifetime), TimeProvider.System);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, token);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HybridInference.AppHost.DevAuth").LogInformation(
                "Operator token (every scope, {Hours} h) written to {File}: run 'hi login --dev', or send 'Authorization: Bearer $(cat {File})'",
                _lifetime.TotalHours, file, file);
            return Task.CompletedTask;
        });
    }
}

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
/// replaces all of this with an OIDC issuer (docs/SECURITY.md).
/// </summary>
internal sealed class DevAuth
{
    public const string SectionName = "Auth";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<ParameterResource> _key;
    private readonly string _keyValue;
    private readonly TimeSpan _lifetime;

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

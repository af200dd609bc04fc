using System.Net.Http.Headers;
using HybridInference.Contracts.Security;
using HybridInference.Security;

namespace HybridInference.TestSupport;

/// <summary>
/// The tests' identity provider, the AppHost's in small: one development signing key per test process that every
/// in-process service trusts (<see cref="ServiceFactory{TEntryPoint}"/>), and tokens minted with it the way the
/// AppHost mints them for a user.
/// </summary>
public static class TestAuth
{
    public static string SigningKey { get; } = DevTokens.NewSigningKey();

    /// <summary>Every scope, as the AppHost's operator token has.</summary>
    public static string OperatorToken { get; } = Token("operator", Scopes.All);

    /// <summary>What a service under test calls other services with: every scope.</summary>
    public static string ServiceToken { get; } = Token("test-service", Scopes.All);

    public static string Token(string subject, IReadOnlyCollection<string> scopes, TimeSpan? lifetime = null, IReadOnlyDictionary<string, string>? claims = null) =>
        DevTokens.Issue(SigningKey, new DevToken(subject, scopes, lifetime ?? TimeSpan.FromHours(2)) { Claims = claims }, TimeProvider.System);

    /// <summary>A device's credential: bound to <paramref name="deviceId"/>, allowed to download models and hold its fleet stream.</summary>
    public static string DeviceToken(string deviceId) =>
        Token(deviceId, [Scopes.ModelsRead, Scopes.FleetConnect], claims: new Dictionary<string, string> { ["device_id"] = deviceId });

    /// <summary>A folder with no saved login, so a command line under test never reads the developer's own.</summary>
    public static string EmptyDirectory { get; } = Directory.CreateTempSubdirectory("hi-no-login-").FullName;

    /// <summary>Sends <paramref name="token"/> (the operator's when null) on every request of <paramref name="client"/>.</summary>
    public static HttpClient Authorize(this HttpClient client, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? OperatorToken);
        return client;
    }
}

/// <summary>Service-collection helpers for tests that build typed clients the way a service registers them.</summary>
public static class TestCredentials
{
    /// <summary>Configures <c>Auth:Client:Token</c> with the operator's token, as a service or operator configures its credential.</summary>
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddOperatorCredential(this Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
            new Dictionary<string, string?> { ["Auth:Client:Token"] = TestAuth.OperatorToken }).Build();
        return Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(services, configuration);
    }
}

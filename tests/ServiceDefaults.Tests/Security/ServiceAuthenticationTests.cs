using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Tests.Security;

/// <summary>The shared door: bearer tokens, API keys, scopes from either claim style, ProblemDetails, and the off switch.</summary>
public sealed class ServiceAuthenticationTests
{
    private static readonly string Key = DevTokens.NewSigningKey();
    private const string CameraKey = "camera-key-0123456789";

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings, LogSink? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (name, value) in settings)
        {
            builder.Configuration[name] = value;
        }

        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapGet("/models", (HttpContext context) => context.User.Subject()).RequireAuthorization(Scopes.ModelsRead);
        app.MapPost("/infer", (HttpContext context) => context.User.Subject() ?? "(nobody)").RequireAuthorization(Scopes.Inference);
        app.MapGet("/unlabelled", () => "reached");
        await app.StartAsync();
        return app;
    }

    private static Dictionary<string, string?> Dev(bool inferenceRequiresToken = false) => new()
    {
        ["Auth:SigningKey"] = Key,
        ["Auth:InferenceRequiresToken"] = inferenceRequiresToken ? "true" : "false",
        ["Auth:ApiKeys:camera-7"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(CameraKey))).ToLowerInvariant(),
    };

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static string Token(string subject, params string[] scopes) =>
        DevTokens.Issue(Key, new DevToken(subject, scopes, TimeSpan.FromMinutes(5)), TimeProvider.System);

    [Fact]
    public async Task NoToken_Is401_ProblemDetails_WithAChallenge()
    {
        await using var app = await StartAsync(Dev());
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Get("/models", null));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingScope_Is403_NamingTheScope()
    {
        await using var app = await StartAsync(Dev());
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Get("/models", Token("alice", Scopes.FleetRead)));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope 'models:read'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_FromOneSpaceSeparatedClaim_OrFromScpClaims_BothCount()
    {
        await using var app = await StartAsync(Dev());
        using var client = app.GetTestClient();
        var entraStyle = DevTokens.Issue(Key, new DevToken("bob", [], TimeSpan.FromMinutes(5)) { Claims = new Dictionary<string, string> { ["scp"] = "fleet:read models:read" } }, TimeProvider.System);

        using var spaced = await client.SendAsync(Get("/models", Token("alice", Scopes.FleetRead, Scopes.ModelsRead)));
        using var scp = await client.SendAsync(Get("/models", entraStyle));

        Assert.Equal("alice", await spaced.Content.ReadAsStringAsync());
        Assert.Equal("bob", await scp.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpiredToken_Is401_SayingSo()
    {
        await using var app = await StartAsync(Dev());
        using var client = app.GetTestClient();
        var expired = DevTokens.Issue(Key, new DevToken("alice", [Scopes.ModelsRead], TimeSpan.FromMinutes(5)), new Past(TimeSpan.FromHours(1)));

        using var response = await client.SendAsync(Get("/models", expired));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("expired", StringComparison.Ordinal), body);
    }

    [Fact]
    public async Task AnEndpointWithoutAPolicy_StillNeedsAnAuthenticatedCaller()
    {
        await using var app = await StartAsync(Dev());
        using var client = app.GetTestClient();

        using var anonymous = await client.SendAsync(Get("/unlabelled", null));
        using var signedIn = await client.SendAsync(Get("/unlabelled", Token("alice")));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Inference_IsOpenByDefault_AndNeedsATokenOrApiKeyWhenRequired()
    {
        await using var open = await StartAsync(Dev());
        await using var closed = await StartAsync(Dev(inferenceRequiresToken: true));
        using var openClient = open.GetTestClient();
        using var closedClient = closed.GetTestClient();

        using var anonymousOpen = await openClient.PostAsync("/infer", null);
        using var anonymousClosed = await closedClient.PostAsync("/infer", null);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/infer") { Headers = { { "X-Api-Key", CameraKey } } };
        using var withKey = await closedClient.SendAsync(keyed);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/infer") { Headers = { { "X-Api-Key", "guess" } } };
        using var withWrongKey = await closedClient.SendAsync(wrongKey);

        Assert.Equal(HttpStatusCode.OK, anonymousOpen.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousClosed.StatusCode);
        Assert.Equal("apikey:camera-7", await withKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
    }

    [Fact]
    public async Task AnApiKey_ReachesInferenceOnly_NeverAnAdminApi()
    {
        await using var app = await StartAsync(Dev(inferenceRequiresToken: true));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/models") { Headers = { { "X-Api-Key", CameraKey } } };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task NeitherAuthorityNorKey_RefusesToStart_SayingWhatToSet()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync([]));

        Assert.Contains("Auth:Authority", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Enabled=false", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:SigningKey", "c2hvcnQ=", "at least 32 bytes")]
    [InlineData("Auth:Authority", "not a uri", "absolute URI")]
    [InlineData("Auth:ApiKeys:camera-1", "the-key-itself", "SHA-256, not the key")]
    [InlineData("Auth:ClockSkewSeconds", "-1", "ClockSkewSeconds")]
    public async Task BadSettings_RefuseToStart_NamingTheSetting(string setting, string value, string expected)
    {
        var settings = Dev();
        settings[setting] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_LetsEveryoneIn_AsAnonymous_AndSaysSoCritically()
    {
        var logs = new LogSink();
        await using var app = await StartAsync(new() { ["Auth:Enabled"] = "false" }, logs);
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Get("/models", null));

        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("AUTHENTICATION IS OFF", StringComparison.Ordinal));
    }

    private sealed class Past(TimeSpan ago) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - ago;
    }

    internal sealed class LogSink : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}

using HybridInference.Clients.Credentials;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Clients.Tests.Credentials;

/// <summary>A service's credential on its calls: a configured token, or a token file that rotates.</summary>
public sealed class AccessTokenTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hi-token-").FullName;

    private string TokenFile => Path.Combine(_folder, "token");

    private static ConfiguredAccessTokenSource Source(ClientCredentialsOptions options, TimeProvider time) =>
        new(new StaticMonitor(options), time);

    [Fact]
    public async Task TokenFile_IsReadAgain_OnceItChanges_ButNotLookedAtMoreThanOnceASecond()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(TokenFile, "first\n");
        var source = Source(new ClientCredentialsOptions { TokenFile = TokenFile, Token = "ignored" }, time);

        var first = await source.GetTokenAsync(CancellationToken.None);
        await File.WriteAllTextAsync(TokenFile, "second");
        File.SetLastWriteTimeUtc(TokenFile, DateTime.UtcNow.AddMinutes(1));
        var withinTheSecond = await source.GetTokenAsync(CancellationToken.None);
        time.Advance(ConfiguredAccessTokenSource.RecheckInterval);
        var after = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("first", "first", "second"), (first, withinTheSecond, after));
    }

    [Fact]
    public async Task MissingOrEmptyTokenFile_SendsNoToken_UntilOneAppears()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = Source(new ClientCredentialsOptions { TokenFile = TokenFile }, time);

        var missing = await source.GetTokenAsync(CancellationToken.None);
        await File.WriteAllTextAsync(TokenFile, "  ");
        time.Advance(ConfiguredAccessTokenSource.RecheckInterval);
        var empty = await source.GetTokenAsync(CancellationToken.None);
        await File.WriteAllTextAsync(TokenFile, "now");
        File.SetLastWriteTimeUtc(TokenFile, DateTime.UtcNow.AddMinutes(1));
        time.Advance(ConfiguredAccessTokenSource.RecheckInterval);
        var present = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal((null, null, "now"), (missing, empty, present));
    }

    [Fact]
    public async Task AClientRegisteredWithAddAccessToken_SendsTheConfiguredToken_AndLeavesItsOwnHeaderAlone()
    {
        var builder = LoopbackApp.CreateBuilder();
        await using var app = builder.Build();
        app.MapGet("/whoami", (HttpContext context) => context.Request.Headers.Authorization.ToString());
        await app.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Client:Token"] = "svc-token" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddHttpClient("peer", http => http.BaseAddress = LoopbackApp.Address(app)).AddAccessToken();
        await using var provider = services.BuildServiceProvider();
        using var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("peer");

        var sent = await http.GetStringAsync("/whoami");
        using var own = new HttpRequestMessage(HttpMethod.Get, "/whoami") { Headers = { { "Authorization", "Bearer the-callers" } } };
        using var answer = await http.SendAsync(own);

        Assert.Equal("Bearer svc-token", sent);
        Assert.Equal("Bearer the-callers", await answer.Content.ReadAsStringAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class StaticMonitor(ClientCredentialsOptions value) : IOptionsMonitor<ClientCredentialsOptions>
    {
        public ClientCredentialsOptions CurrentValue => value;

        public ClientCredentialsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ClientCredentialsOptions, string?> listener) => null;
    }
}

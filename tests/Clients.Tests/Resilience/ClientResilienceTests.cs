using System.Net;
using HybridInference.Clients.Resilience;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Tests.Resilience;

public sealed class ClientResilienceTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private int _gets;
    private int _posts;

    public async Task InitializeAsync()
    {
        _app = LoopbackApp.CreateBuilder().Build();
        _app.MapGet("/flaky", () => Interlocked.Increment(ref _gets) < 3 ? Results.StatusCode(503) : Results.Ok());
        _app.MapPost("/flaky", () => Interlocked.Increment(ref _posts) < 3 ? Results.StatusCode(503) : Results.Ok());
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_TransientFailures_AreRetried()
    {
        using var provider = Provider(retryUnsafe: false);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("test");

        using var response = await http.GetAsync("/flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _gets);
    }

    [Fact]
    public async Task Post_IsNotRetried_UnlessConfigured()
    {
        using var provider = Provider(retryUnsafe: false);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("test");

        using var response = await http.PostAsync("/flaky", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _posts);
    }

    [Fact]
    public async Task Post_RetryUnsafeMethods_RetriesIt()
    {
        using var provider = Provider(retryUnsafe: true);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("test");

        using var response = await http.PostAsync("/flaky", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _posts);
    }

    [Fact]
    public void Options_ConfigurationOverridesTheClientsDefaults()
    {
        using var provider = Provider(retryUnsafe: false, ("Clients:test:Resilience:MaxRetryAttempts", "7"));

        var options = provider.GetRequiredService<IOptionsMonitor<ClientResilienceOptions>>().Get("test");

        Assert.Equal(7, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.RetryDelay);
    }

    [Fact]
    public void Options_BadValues_AreAllNamed()
    {
        using var provider = Provider(
            retryUnsafe: false,
            ("Clients:test:Resilience:MaxRetryAttempts", "-1"),
            ("Clients:test:Resilience:AttemptTimeout", "00:01:00"),
            ("Clients:test:Resilience:TotalTimeout", "00:00:05"));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ClientResilienceOptions>>().Get("test"));

        Assert.Contains(ex.Failures, f => f.Contains("Clients:test:Resilience", StringComparison.Ordinal) && f.Contains("MaxRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("AttemptTimeout (00:01:00) must not exceed TotalTimeout (00:00:05)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("BreakerSamplingDuration", StringComparison.Ordinal));
    }

    private ServiceProvider Provider(bool retryUnsafe, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
        services.AddHttpClient("test", http => http.BaseAddress = LoopbackApp.Address(_app))
            .AddClientResilience("test", o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                o.RetryUnsafeMethods = retryUnsafe;
            });
        return services.BuildServiceProvider();
    }
}

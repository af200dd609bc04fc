using System.Net;
using HybridInference.Router.Inference;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Tests.Inference;

/// <summary>The cloud client's retry and breaker numbers come from <c>Cloud:*</c>, checked at start, and reach its pipeline.</summary>
public class CloudOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndTheOnesTheRouterAlwaysHad()
    {
        var defaults = new CloudOptions();

        Assert.True(new CloudOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal((1, 50), (defaults.RetryAttempts, defaults.RetryDelayMs));
        Assert.Equal((0.5, 5, 30.0, 5.0), (defaults.BreakerFailureRatio, defaults.BreakerMinimumThroughput, defaults.BreakerSamplingSeconds, defaults.BreakerBreakSeconds));
    }

    [Fact]
    public void EveryBadSetting_IsNamedAtOnce()
    {
        var result = new CloudOptionsValidator().Validate(null, new CloudOptions
        {
            RetryAttempts = -1,
            RetryDelayMs = 20_000,
            BreakerFailureRatio = double.NaN,
            BreakerMinimumThroughput = 1,
            BreakerSamplingSeconds = 0.1,
            BreakerBreakSeconds = 7_200,
        });

        Assert.Equal(
            [
                "Cloud:RetryAttempts must be between 0 and 10 (was -1)",
                "Cloud:RetryDelayMs must be between 0 and 10000 (was 20000)",
                "Cloud:BreakerFailureRatio must be between 0.01 and 1 (was NaN)",
                "Cloud:BreakerMinimumThroughput must be between 2 and 10000 (was 1)",
                "Cloud:BreakerSamplingSeconds must be between 0.5 and 600 (was 0.1)",
                "Cloud:BreakerBreakSeconds must be between 0.5 and 3600 (was 7200)",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("Cloud:RetryAttempts", "11", "Cloud:RetryAttempts must be between 0 and 10 (was 11)")]
    [InlineData("Cloud:BreakerFailureRatio", "0", "Cloud:BreakerFailureRatio must be between 0.01 and 1 (was 0)")]
    [InlineData("Edges:HealthTimeoutMs", "5", "HealthTimeoutMs")]
    public async Task ABadSetting_StopsTheRouterAtStart_NamingIt(string setting, string value, string message)
    {
        await using var factory = new RouterFactory("127.0.0.1:9", "hi");
        await using var router = factory.WithWebHostBuilder(web => web.UseSetting(setting, value));

        var error = Assert.Throws<OptionsValidationException>(() => router.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("0", 1)]
    [InlineData("3", 4)]
    public async Task RetryAttempts_ReachTheCloudClient(string? attempts, int expectedCalls)
    {
        await using var cloud = await LoopbackServer.StartAsync("/call");
        cloud.Answer = (503, "application/json", """{"error":"overloaded"}""");
        var settings = new Dictionary<string, string?> { ["Cloud:RetryDelayMs"] = "1" };
        if (attempts is not null)
        {
            // Left out for the default case: a key present with a null value binds as 0 retries.
            settings["Cloud:RetryAttempts"] = attempts;
        }

        await using var router = Start(cloud, settings);
        var client = router.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HybridInferenceService.CloudClientName);

        using var answer = await client.GetAsync(new Uri(cloud.Address, "/call"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal(expectedCalls, cloud.RequestsTo("/call"));
    }

    [Fact]
    public async Task BreakerSettings_ReachTheCloudClient()
    {
        // The default breaker needs 5 calls; configured for 3, the fourth is refused without reaching the cloud.
        await using var cloud = await LoopbackServer.StartAsync("/call");
        cloud.Answer = (503, "application/json", """{"error":"overloaded"}""");
        await using var router = Start(cloud, new()
        {
            ["Cloud:RetryAttempts"] = "0",
            ["Cloud:BreakerMinimumThroughput"] = "3",
            ["Cloud:BreakerBreakSeconds"] = "60",
        });
        var client = router.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HybridInferenceService.CloudClientName);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.GetAsync(new Uri(cloud.Address, "/call"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => client.GetAsync(new Uri(cloud.Address, "/call")));
        Assert.Equal(3, cloud.RequestsTo("/call"));
    }

    private static RouterHost Start(LoopbackServer cloud, Dictionary<string, string?> settings)
    {
        var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        settings["Cloud:Address"] = cloud.Address.ToString();
        settings["Links:Cloud:LatencyMs"] = "0";
        settings["Links:Cloud:JitterMs"] = "0";
        var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        var router = factory.WithWebHostBuilder(web => web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings)));
        using var started = router.CreateClient();
        return new RouterHost(garnet, factory, router);
    }

    private sealed class RouterHost(EmbeddedGarnet garnet, RouterFactory factory, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> router) : IAsyncDisposable
    {
        public IServiceProvider Services => router.Services;

        public async ValueTask DisposeAsync()
        {
            await router.DisposeAsync();
            await factory.DisposeAsync();
            garnet.Dispose();
        }
    }
}

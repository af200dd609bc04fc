using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HybridInference.ServiceDefaults.Tests;

public class HealthEndpointsTests
{
    private static async Task<WebApplication> StartAsync(HealthStatus dependencyStatus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency",
            () => new HealthCheckResult(dependencyStatus, "dependency at 127.0.0.1:1 said no"));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Health_UnhealthyDependency_Returns503WithTheCheckDescription()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var dependency = json.RootElement.GetProperty("checks").GetProperty("dependency");
        Assert.Equal("dependency at 127.0.0.1:1 said no", dependency.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Alive_IgnoresDependencies_SoAProcessWaitingForItsStoreIsNotRestarted()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/alive");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["self"], json.RootElement.GetProperty("checks").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Health_AllHealthy_Returns200()
    {
        await using var app = await StartAsync(HealthStatus.Healthy);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void AddServiceDefaults_RegistersSystemTimeProvider_UnlessOneIsThere()
    {
        var builder = Host.CreateApplicationBuilder();
        var fake = new FixedTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(fake);
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.Same(fake, host.Services.GetRequiredService<TimeProvider>());
    }

    private sealed class FixedTimeProvider : TimeProvider;
}

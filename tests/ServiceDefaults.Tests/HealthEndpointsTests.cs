using HybridInference.Contracts.Security;
using HybridInference.Security;
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
    private static readonly string Key = DevTokens.NewSigningKey();

    private static string AdminToken() => DevTokens.Issue(Key, new DevToken("admin", [Scopes.AdminRead], TimeSpan.FromMinutes(5)), TimeProvider.System);

    private static async Task<WebApplication> StartAsync(HealthStatus dependencyStatus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:SigningKey"] = Key;
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency",
            () => new HealthCheckResult(dependencyStatus, "dependency at 127.0.0.1:1 said no"));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Health_UnhealthyDependency_Returns503WithTheCheckDescription_ToAnAdmin()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken());

        using var response = await client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var dependency = json.RootElement.GetProperty("checks").GetProperty("dependency");
        Assert.Equal("dependency at 127.0.0.1:1 said no", dependency.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Health_ToAnyoneElse_SaysStatesOnly_NoAddressesOrErrors()
    {
        await using var app = await StartAsync(HealthStatus.Unhealthy);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("dependency").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("description", body, StringComparison.Ordinal);
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
        builder.Configuration["Auth:SigningKey"] = Key;
        var fake = new FixedTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(fake);
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.Same(fake, host.Services.GetRequiredService<TimeProvider>());
    }

    private sealed class FixedTimeProvider : TimeProvider;
}

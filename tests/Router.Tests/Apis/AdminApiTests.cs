using System.Net;
using System.Net.Http.Json;
using HybridInference.Store;
using HybridInference.TestSupport;

namespace HybridInference.Router.Tests.Apis;

public class AdminApiTests
{
    private sealed record Listed(string Service, string? Role);

    [Fact]
    public async Task Instances_ListsTheRouterItself_FromTheStore()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        using var client = factory.CreateClient();

        List<Listed>? listed = null;
        // Up to 10 s: the presence record is written by a background service, which waits its turn on a loaded machine
        // (seen failing at 2.5 s with the other router tests running beside it).
        for (var attempt = 0; attempt < 200 && (listed is null || listed.Count == 0); attempt++)
        {
            listed = await client.GetFromJsonAsync<List<Listed>>("/admin/instances");
            await Task.Delay(50);
        }

        Assert.Contains(listed!, l => l.Service == "router-under-test");
    }

    [Fact]
    public async Task Instances_StoreDown_Returns503ProblemNamingTheStore()
    {
        var port = FreePort.Next();
        await using var factory = new RouterFactory($"127.0.0.1:{port}", "hi");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/admin/instances");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Store unavailable", body, StringComparison.Ordinal);

        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task UnknownAdminPath_Returns404()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var factory = new RouterFactory($"127.0.0.1:{garnet.Port}", "hi");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/admin/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

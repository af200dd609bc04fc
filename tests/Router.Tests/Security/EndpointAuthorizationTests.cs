using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace HybridInference.Router.Tests.Security;

/// <summary>
/// Every endpoint the router maps has a door that holds and a limit: its admin views, cloud weights and prediction log, and, with
/// Auth:InferenceRequiresToken as in the cluster configuration, OIP over HTTP and gRPC.
/// </summary>
public sealed class EndpointAuthorizationTests
{
    private static readonly HashSet<string> Public = ["/health", "/alive", "/v2/health/live", "/v2/health/ready"];

    [Fact]
    public async Task EveryEndpoint_RefusesMissingWrongAndForgedTokens_OrIsListedPublic()
    {
        using var garnet = new EmbeddedGarnet("127.0.0.1", FreePort.Next());
        await using var router = new RouterFactory($"127.0.0.1:{garnet.Port}", "t" + Guid.NewGuid().ToString("N")[..8]);
        await using var requiring = router.WithWebHostBuilder(web => web.UseSetting("Auth:InferenceRequiresToken", "true"));
        var endpoints = await EndpointAuthorization.AssertEveryDoorHoldsAsync(requiring, Public);

        Assert.Contains(endpoints, e => e.Route == "/admin/routing/models/x/cloud-weights" && e.Method == "PUT");
        Assert.Contains(endpoints, e => e.Route == "/admin/predictions/summary");
        Assert.Contains(endpoints, e => e.Route == "/v2/models/x/infer" && e.Method == "POST");
    }
}

using HybridInference.TestSupport;

namespace HybridInference.EdgeInference.Tests.Security;

/// <summary>
/// Every endpoint an edge node maps has a door that holds: its device API (health is an admin read, the fault hook
/// needs chaos:write) and, with Auth:InferenceRequiresToken as in the cluster, OIP over HTTP and gRPC.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    private static readonly HashSet<string> Public = ["/health", "/alive", "/v2/health/live", "/v2/health/ready"];
    private readonly EdgeFactory _factory = new() { Settings = { ["Auth:InferenceRequiresToken"] = "true" } };

    [Fact]
    public async Task EveryEndpoint_RefusesMissingWrongAndForgedTokens_OrIsListedPublic()
    {
        var endpoints = await EndpointAuthorization.AssertEveryDoorHoldsAsync(_factory, Public);

        Assert.Contains(endpoints, e => e.Route == "/device/fault" && e.Method == "PUT");
        Assert.Contains(endpoints, e => e.Route == "/v2/models/x/infer" && e.Method == "POST");
    }

    public Task InitializeAsync() => _factory.InitializeAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}

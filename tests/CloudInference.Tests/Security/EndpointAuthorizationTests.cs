using HybridInference.TestSupport;

namespace HybridInference.CloudInference.Tests.Security;

/// <summary>
/// Every endpoint the cloud server maps has a door that holds, with inference behind a token as in the cluster
/// configuration (Auth:InferenceRequiresToken): OIP over HTTP and gRPC, the repository index.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    private static readonly HashSet<string> Public = ["/health", "/alive", "/v2/health/live", "/v2/health/ready"];
    private readonly CloudFactory _factory = new() { Settings = { ["Auth:InferenceRequiresToken"] = "true" } };

    [Fact]
    public async Task EveryEndpoint_RefusesMissingWrongAndForgedTokens_OrIsListedPublic()
    {
        var endpoints = await EndpointAuthorization.AssertEveryDoorHoldsAsync(_factory, Public);

        Assert.Contains(endpoints, e => e.Route == "/v2/models/x/infer" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Grpc && e.Route.Contains("ModelInfer", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => _factory.InitializeAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}

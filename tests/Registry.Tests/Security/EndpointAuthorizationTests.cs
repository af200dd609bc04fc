using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Security;

/// <summary>Every endpoint the registry maps (HTTP, pages and the fleet gRPC service) has a door that holds.</summary>
public sealed class EndpointAuthorizationTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private static readonly HashSet<string> Public = ["/health", "/alive", "/openapi/x.json"];

    [Fact]
    public async Task EveryEndpoint_RefusesMissingWrongAndForgedTokens_OrIsListedPublic()
    {
        var registry = await host.FactoryAsync();
        var endpoints = await EndpointAuthorization.AssertEveryDoorHoldsAsync(registry, Public);

        // Not vacuous: the models, fleet, rollouts, pages and fleet stream are all among them.
        Assert.Contains(endpoints, e => e.Route == "/api/models/x/versions" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Route == "/rollouts" && !e.Public);
        Assert.Contains(endpoints, e => e.Grpc && e.Route.Contains("Register", StringComparison.Ordinal));
        Assert.True(endpoints.Count(e => !e.Public) >= 25, $"only {endpoints.Count(e => !e.Public)} protected endpoints found");
    }
}

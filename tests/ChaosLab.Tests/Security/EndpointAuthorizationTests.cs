using HybridInference.TestSupport;

namespace HybridInference.ChaosLab.Tests.Security;

/// <summary>Every endpoint ChaosLab maps has a door that holds: faults and experiments need chaos scopes.</summary>
public sealed class EndpointAuthorizationTests : IDisposable
{
    private static readonly HashSet<string> Public = ["/health", "/alive", "/openapi/x.json"];
    private readonly ChaosLabHost _host = new();

    [Fact]
    public async Task EveryEndpoint_RefusesMissingWrongAndForgedTokens_OrIsListedPublic()
    {
        var endpoints = await EndpointAuthorization.AssertEveryDoorHoldsAsync(_host.Factory, Public);

        Assert.Contains(endpoints, e => e.Route == "/api/faults" && e.Method == "POST");
        Assert.True(endpoints.Count(e => !e.Public) >= 10, $"only {endpoints.Count(e => !e.Public)} protected endpoints found");
    }

    public void Dispose() => _host.Dispose();
}

using HybridInference.TestSupport;
namespace HybridInference.Storage.Tests;

public class StoreConnectionTests(StoreBackends servers) : IClassFixture<StoreBackends>
{
    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task Database_ValueWrittenByOneConnection_IsReadByAnother(string backend)
    {
        var prefix = StoreFactory.UniquePrefix();
        await using var writer = StoreFactory.Connect(servers.ConnectionString(backend), prefix: prefix);
        await using var reader = StoreFactory.Connect(servers.ConnectionString(backend), prefix: prefix);

        await writer.Database.StringSetAsync(writer.Key("greeting"), "hello from the writer");

        Assert.Equal("hello from the writer", (string?)await reader.Database.StringGetAsync(reader.Key("greeting")));
    }

    [Fact]
    public async Task Key_JoinsPrefixAndParts()
    {
        await using var store = StoreFactory.Connect("127.0.0.1:1", prefix: "prod-eu");
        Assert.Equal("prod-eu:presence:edge-1", store.Key("presence", "edge-1").ToString());
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Available), MemberType = typeof(StoreBackends))]
    public async Task HealthCheck_ReachableStore_IsHealthyAndNamesEndpoint(string backend)
    {
        await using var store = StoreFactory.Connect(servers.ConnectionString(backend));
        var result = await new StoreHealthCheck(store).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, result.Status);
        Assert.Contains(servers.ConnectionString(backend), result.Description, StringComparison.Ordinal);
    }
}

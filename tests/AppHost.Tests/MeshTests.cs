using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace HybridInference.AppHost.Tests;

/// <summary>The whole mesh on the default (Garnet) store, as <c>dotnet run --project src/AppHost</c> brings it up.</summary>
[Collection(MeshCollection.Name)]
public sealed class MeshTests(GarnetApp app)
{
    [Fact]
    public void Model_HasEmbeddedGarnetAndEveryService()
    {
        var names = app.ResourceNames().ToHashSet();
        Assert.Contains("garnet", names);
        Assert.Contains("store", names);
        Assert.All(RunningApp.Services, service => Assert.Contains(service, names));
    }

    [Fact]
    public async Task Router_AnswersHealth_WithStoreCheckHealthy()
    {
        using var client = app.Client("router", "http");
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Store_RefusesAClientWithoutTheRunsPassword_AndServesOneWithIt()
    {
        var connection = await app.App.GetConnectionStringAsync("store");
        var endpoint = app.App.GetEndpoint("garnet", "tcp");

        // A neighbour on the machine that found the port: any command but AUTH is refused.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("*2\r\n$3\r\nGET\r\n$1\r\nx\r\n"u8.ToArray());
        var buffer = new byte[128];
        var reply = System.Text.Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
        await using var services = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(connection!);

        Assert.Contains(",password=", connection, StringComparison.Ordinal);
        Assert.StartsWith("-NOAUTH", reply, StringComparison.Ordinal);
        Assert.True(await services.GetDatabase().PingAsync() >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Router_GrpcEndpoint_SpeaksHttp2WithoutTls()
    {
        using var client = app.Client("router", "grpc");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/alive")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task Router_CallsEachEdgeNodeOnItsHttp2Endpoint_OverH2c_ByDefault()
    {
        // Edges:Http2 is on by default (docs/ROUTING.md): the node's HTTP/2 endpoint, found through service discovery, carries inference.
        using var client = app.Client("router", "http");
        var edges = await client.GetFromJsonAsync<JsonElement>("/admin/edges");

        foreach (var node in new[] { "edge-1", "edge-2", "edge-3" })
        {
            var view = edges.EnumerateArray().Single(e => e.GetProperty("node").GetString() == node);
            Assert.Equal(app.App.GetEndpoint(node, "grpc"), new Uri(view.GetProperty("inferenceAddress").GetString()!));
            Assert.Equal("2.0", view.GetProperty("inferenceHttpVersion").GetString());
        }
    }

    [Fact]
    public async Task Router_ListsEdgeNodes_ThatEachWroteTheirOwnPresenceToTheStore()
    {
        using var client = app.Client("router", "http");
        var instances = await PresenceClient.WaitForServicesAsync(client, RunningApp.Services);

        var edges = instances.Where(i => i.Role == "edge").OrderBy(i => i.Service).ToList();
        Assert.Equal(["edge-1", "edge-2", "edge-3"], edges.Select(e => e.Service));
        Assert.Equal(["site-1", "site-2", "site-3"], edges.Select(e => e.Site));
    }

    [Fact]
    public async Task Registry_ServesTheCommittedModels_WithChampionAliases()
    {
        using var client = app.Client("registry", "http");

        var models = await client.GetFromJsonAsync<string[]>("/api/models");
        var champion = await client.GetFromJsonAsync<JsonElement>("/api/models/fashion-cloud/aliases/champion");

        Assert.Equal(["fashion-cloud", "fashion-edge"], models!);
        Assert.Equal(1, champion.GetProperty("version").GetInt32());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.CloudInference.Registry;
using HybridInference.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.CloudInference.Tests.Registry;

/// <summary>
/// The cloud server following the registry's champion and challenger of fashion-cloud over real HTTP, with
/// real artifacts and real ONNX Runtime sessions: both served side by side, unversioned calls on the
/// champion, a version no alias names unloaded, a tampered download never served, an unreachable registry
/// changing nothing.
/// </summary>
public sealed class RegistryVersionFollowerTests : IAsyncLifetime
{
    private static readonly byte[] CloudBytes = File.ReadAllBytes(TestData.CloudOnnx);
    private static readonly byte[] EdgeBytes = File.ReadAllBytes(TestData.EdgeOnnx);

    private RegistryStandIn _registry = null!;
    private readonly string _cache = Directory.CreateTempSubdirectory("hi-cloud-follow-").FullName;

    public async Task InitializeAsync()
    {
        _registry = await RegistryStandIn.StartAsync();

        // The repository's v1 is the registry's champion (the registry was seeded from it): no download for it.
        _registry.Artifacts[RegistryStandIn.DigestOf(CloudBytes)] = CloudBytes;
        _registry.Aliases["champion"] = (1, RegistryStandIn.DigestOf(CloudBytes));
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private async Task<CloudFactory> StartAsync(string? registry = null)
    {
        var cloud = new CloudFactory();
        cloud.Settings["CloudRegistry:RegistryAddress"] = registry ?? _registry.Address;
        cloud.Settings["CloudRegistry:Models:0"] = "fashion-cloud";
        cloud.Settings["CloudRegistry:CacheDirectory"] = _cache;
        cloud.Settings["CloudRegistry:PollSeconds"] = "3600";
        await cloud.InitializeAsync();
        return cloud;
    }

    [Fact]
    public async Task Challenger_IsServedBesideTheChampion_UnversionedCallsStayOnTheChampion_AndItLeavesWithItsAlias()
    {
        _registry.Artifacts[RegistryStandIn.DigestOf(EdgeBytes)] = EdgeBytes;
        _registry.Aliases["challenger"] = (3, RegistryStandIn.DigestOf(EdgeBytes));
        await using var cloud = await StartAsync();
        var follower = cloud.Services.GetRequiredService<RegistryVersionFollower>();
        var catalog = cloud.Services.GetRequiredService<ModelCatalog>();
        using var client = cloud.CreateClient();

        await follower.SyncAsync(CancellationToken.None);

        Assert.Equal(["3", "2", "1"], catalog.VersionsOf("fashion-cloud"));
        Assert.Equal(1, _registry.Downloads);
        Assert.True(File.Exists(Path.Combine(_cache, "fashion-cloud", "3", "model.onnx")));
        Assert.Equal("3", (await InferAsync(client, "/v2/models/fashion-cloud/versions/3/infer")).GetProperty("model_version").GetString());
        Assert.Equal("1", (await InferAsync(client, "/v2/models/fashion-cloud/infer")).GetProperty("model_version").GetString());
        Assert.Equal("3", (await InferAsync(client, "/v2/models/fashion-cloud/versions/latest/infer")).GetProperty("model_version").GetString());

        // The rollout failed: the alias goes, and so does the version; a second pass downloads nothing.
        _registry.Aliases.TryRemove("challenger", out _);
        await follower.SyncAsync(CancellationToken.None);

        Assert.Equal(["2", "1"], catalog.VersionsOf("fashion-cloud"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v2/models/fashion-cloud/versions/3/ready")).StatusCode);
        Assert.Equal(1, _registry.Downloads);
    }

    [Fact]
    public async Task PromotedChallenger_BecomesTheDefault()
    {
        _registry.Artifacts[RegistryStandIn.DigestOf(EdgeBytes)] = EdgeBytes;
        _registry.Aliases["challenger"] = (3, RegistryStandIn.DigestOf(EdgeBytes));
        await using var cloud = await StartAsync();
        var follower = cloud.Services.GetRequiredService<RegistryVersionFollower>();
        await follower.SyncAsync(CancellationToken.None);

        _registry.Aliases["champion"] = (3, RegistryStandIn.DigestOf(EdgeBytes));
        _registry.Aliases.TryRemove("challenger", out _);
        await follower.SyncAsync(CancellationToken.None);

        var catalog = cloud.Services.GetRequiredService<ModelCatalog>();
        Assert.Equal("3", catalog.Resolve("fashion-cloud", null).Version);
        Assert.Contains("3", catalog.VersionsOf("fashion-cloud"));
    }

    [Fact]
    public async Task TamperedArtifact_IsNeverServed_AndLeavesNothingInTheCache()
    {
        var digest = RegistryStandIn.DigestOf(EdgeBytes);
        _registry.Artifacts[digest] = EdgeBytes[..^100];
        _registry.Aliases["challenger"] = (3, digest);
        await using var cloud = await StartAsync();

        await cloud.Services.GetRequiredService<RegistryVersionFollower>().SyncAsync(CancellationToken.None);

        Assert.Equal(["2", "1"], cloud.Services.GetRequiredService<ModelCatalog>().VersionsOf("fashion-cloud"));
        Assert.False(Directory.Exists(Path.Combine(_cache, "fashion-cloud", "3")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_cache, "tmp")));
    }

    [Fact]
    public async Task UnreachableRegistry_ChangesNothing()
    {
        await using var cloud = await StartAsync(registry: $"http://127.0.0.1:{FreePort.Next()}");

        await cloud.Services.GetRequiredService<RegistryVersionFollower>().SyncAsync(CancellationToken.None);

        var catalog = cloud.Services.GetRequiredService<ModelCatalog>();
        Assert.Equal(["2", "1"], catalog.VersionsOf("fashion-cloud"));
        Assert.Equal("2", catalog.Resolve("fashion-cloud", null).Version);
    }

    [Theory]
    [InlineData("CloudRegistry:RegistryAddress", "registry.local", "CloudRegistry:RegistryAddress 'registry.local' is not an absolute http:// or https:// address.")]
    [InlineData("CloudRegistry:Aliases:0", "Champion!", "CloudRegistry:Aliases: 'Champion!' is not an alias name")]
    [InlineData("CloudRegistry:DefaultAlias", "stable", "CloudRegistry:DefaultAlias 'stable' must be one of CloudRegistry:Aliases")]
    [InlineData("CloudRegistry:PollSeconds", "0", "CloudRegistry:PollSeconds must be between 0.1 and 3600.")]
    public async Task BadSettings_StopTheStart_NamingTheKey(string key, string value, string expected)
    {
        var cloud = new CloudFactory();
        cloud.Settings[key] = value;

        var error = await Assert.ThrowsAnyAsync<Exception>(cloud.InitializeAsync);

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        await cloud.DisposeAsync();
    }

    private static async Task<JsonElement> InferAsync(HttpClient client, string path)
    {
        var body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":[" + string.Join(",", TestData.Batch(1, 0)) + "]}]}";
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }
}

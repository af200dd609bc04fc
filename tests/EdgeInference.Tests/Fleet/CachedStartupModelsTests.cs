using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// A restarted edge node starts from its local cache, with no registry to ask: its first Ready is with the
/// cached version, never with its repository's version; a cached file that does not load falls back to the
/// repository's version; a cached copy whose card or kept envelope was changed on disk is refused at start (the
/// repository's version serves), and a desired state for it reads the registry's copy again.
/// </summary>
public sealed class CachedStartupModelsTests : IAsyncDisposable
{
    private static readonly byte[] CloudBytes = File.ReadAllBytes(TestData.CloudOnnx);
    private static readonly string CloudDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(CloudBytes));

    private readonly string _cache = Directory.CreateTempSubdirectory("hi-edge-start-").FullName;
    private readonly ReservedPort _unreachable = new();

    public ValueTask DisposeAsync()
    {
        _unreachable.Dispose();
        Directory.Delete(_cache, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<EdgeFactory> StartEdgeAsync(string registry)
    {
        var edge = new EdgeFactory();
        edge.Settings["Fleet:CacheDirectory"] = _cache;
        edge.Settings["Fleet:RegistryHttpAddress"] = registry;
        edge.Settings["Fleet:RegistryGrpcAddress"] = registry;
        await edge.InitializeAsync();
        return edge;
    }

    [Fact]
    public async Task Restart_WithVersion2Cached_AndRegistryUnreachable_IsFirstReadyWithVersion2()
    {
        await using (var registry = await ArtifactServer.StartAsync())
        {
            registry.Artifacts[CloudDigest] = CloudBytes;
            await using var first = await StartEdgeAsync(registry.Address);
            var applied = await first.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(new RunningModelRef("fashion-edge", 2, CloudDigest), download: true, CancellationToken.None);
            Assert.Equal(ApplyOutcome.Applied, applied.Status);
        }

        // InitializeAsync returns when the catalog has loaded: nothing has had time to swap anything.
        await using var restarted = await StartEdgeAsync($"http://127.0.0.1:{_unreachable.Port}");
        var catalog = restarted.Services.GetRequiredService<ModelCatalog>();
        using var client = restarted.CreateClient();
        using var ready = await client.GetAsync("/v2/models/fashion-edge/ready");
        var answer = await InferAsync(client);

        var served = Assert.Single(catalog.All);
        Assert.Equal("2", served.Version);
        Assert.True(served.IsReady);
        Assert.StartsWith(Path.Combine(_cache, "edge-test", "fashion-edge", "2"), served.Location.Directory, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("2", answer.GetProperty("model_version").GetString());
        Assert.Equal(new RunningModelRef("fashion-edge", 2, CloudDigest), restarted.Services.GetRequiredService<RunningModel>().Current);
    }

    [Fact]
    public async Task Restart_WithCachedFileThatDoesNotLoad_FallsBackToTheRepositoryVersion()
    {
        // Right digest, wrong content: the file passes verification and fails in ONNX Runtime.
        var garbage = Encoding.UTF8.GetBytes("not an onnx model");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(garbage));
        var version3 = Path.Combine(_cache, "edge-test", "fashion-edge", "3");
        Directory.CreateDirectory(version3);
        await File.WriteAllBytesAsync(Path.Combine(version3, "model.onnx"), garbage);

        // Signed for exactly this file (no card), so only ONNX Runtime refuses it.
        var envelope = ModelEnvelopes.Sign(new ModelStatement("fashion-edge", 3, digest, garbage.Length, CardDigest.Of(default)), TestSigningKeys.Registry);
        await File.WriteAllTextAsync(Path.Combine(version3, "envelope.json"), JsonSerializer.Serialize(envelope, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        await File.WriteAllTextAsync(Path.Combine(_cache, "edge-test", "current.json"),
            $$"""{"current": {"name": "fashion-edge", "version": 3, "digest": "{{digest}}"}, "previous": null}""");

        await using var edge = await StartEdgeAsync($"http://127.0.0.1:{_unreachable.Port}");
        var running = edge.Services.GetRequiredService<RunningModel>();
        var catalog = edge.Services.GetRequiredService<ModelCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (running.Current?.Version != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        using var client = edge.CreateClient();
        var answer = await InferAsync(client);

        Assert.Equal(1, running.Current?.Version);
        Assert.True(catalog.IsReady);
        Assert.Equal("1", answer.GetProperty("model_version").GetString());
    }

    public static TheoryData<string> CacheTampering => ["card changed", "envelope removed", "envelope signed by another key", "envelope of another version"];

    [Theory]
    [MemberData(nameof(CacheTampering))]
    public async Task Restart_WithCachedCopyWhoseCardOrEnvelopeChanged_RefusesIt_ServesTheRepositoryVersion_ThenReadsTheRegistrysCopy(string tampering)
    {
        var version2 = new RunningModelRef("fashion-edge", 2, CloudDigest);
        await using var registry = await ArtifactServer.StartAsync();
        registry.Artifacts[CloudDigest] = CloudBytes;
        await using (var first = await StartEdgeAsync(registry.Address))
        {
            var applied = await first.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(version2, download: true, CancellationToken.None);
            Assert.Equal(ApplyOutcome.Applied, applied.Status);
        }

        var directory = Path.Combine(_cache, "edge-test", "fashion-edge", "2");
        var envelopePath = Path.Combine(directory, "envelope.json");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.True(File.Exists(envelopePath), "the envelope is kept with the cached copy");
        var kept = JsonSerializer.Deserialize<DsseEnvelope>(await File.ReadAllTextAsync(envelopePath), json)!;
        var statement = ModelEnvelopes.Open(kept, new Dictionary<string, ECDsa> { [ModelEnvelopes.KeyIdOf(TestSigningKeys.Registry)] = TestSigningKeys.Registry });
        Assert.Equal(new ModelStatement("fashion-edge", 2, CloudDigest, CloudBytes.Length, statement.CardDigest), statement);
        switch (tampering)
        {
            case "card changed":
                var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "model-card.json")))!.AsObject();
                card["architecture"] = "tampered";
                await File.WriteAllTextAsync(Path.Combine(directory, "model-card.json"), card.ToJsonString());
                break;
            case "envelope removed":
                File.Delete(envelopePath);
                break;
            case "envelope signed by another key":
                await File.WriteAllTextAsync(envelopePath, JsonSerializer.Serialize(ModelEnvelopes.Sign(statement, TestSigningKeys.Other), json));
                break;
            default:
                await File.WriteAllTextAsync(envelopePath, JsonSerializer.Serialize(ModelEnvelopes.Sign(statement with { Version = 3 }, TestSigningKeys.Registry), json));
                break;
        }

        await using var restarted = await StartEdgeAsync(registry.Address);
        var catalog = restarted.Services.GetRequiredService<ModelCatalog>();
        var running = restarted.Services.GetRequiredService<RunningModel>();
        Assert.Null(restarted.Services.GetRequiredService<CachedStartupModels>().Chosen);
        Assert.Equal("1", catalog.Resolve("fashion-edge", null).Version);
        using var client = restarted.CreateClient();
        Assert.Equal("1", (await InferAsync(client)).GetProperty("model_version").GetString());

        // Told to run version 2 again, the node does not use the copy it refused: it reads and verifies the registry's.
        var downloadsBefore = registry.Downloads;
        var again = await restarted.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(version2, download: true, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, again.Status);
        Assert.Equal(downloadsBefore + 1, registry.Downloads);
        Assert.Equal(version2, running.Current);
        Assert.Equal("2", (await InferAsync(client)).GetProperty("model_version").GetString());
    }

    private static async Task<JsonElement> InferAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(4), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

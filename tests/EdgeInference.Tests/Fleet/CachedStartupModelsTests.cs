using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// A restarted edge node starts from its local cache, with no registry to ask: its first Ready is with the
/// cached version, never with its repository's version; a cached file that does not load falls back to the
/// repository's version.
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

    private static async Task<JsonElement> InferAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(4), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

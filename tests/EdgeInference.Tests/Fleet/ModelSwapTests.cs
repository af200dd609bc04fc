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
/// An edge node applying desired states with real artifacts over real HTTP and real ONNX Runtime sessions:
/// a verified version is swapped in under load with no failed request; a tampered one is refused and never
/// served; after a restart without a registry the node serves its cached version.
/// </summary>
public sealed class ModelSwapTests : IAsyncLifetime
{
    private static readonly byte[] CloudBytes = File.ReadAllBytes(TestData.CloudOnnx);
    private static readonly string CloudDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(CloudBytes));

    private ArtifactServer _registry = null!;
    private readonly string _cache = Directory.CreateTempSubdirectory("hi-edge-swap-").FullName;

    public async Task InitializeAsync() => _registry = await ArtifactServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private async Task<EdgeFactory> StartEdgeAsync(string? registryAddress = null)
    {
        var edge = new EdgeFactory();
        edge.Settings["Fleet:CacheDirectory"] = _cache;
        edge.Settings["Fleet:RegistryHttpAddress"] = registryAddress ?? _registry.Address;
        await edge.InitializeAsync();
        return edge;
    }

    private static RunningModelRef Version2(string digest) => new("fashion-edge", 2, digest);

    [Fact]
    public async Task Apply_TamperedArtifact_IsRefusedAsDigestMismatch_AndNeverServed()
    {
        _registry.Artifacts[CloudDigest] = CloudBytes[..^100];
        await using var edge = await StartEdgeAsync();
        var applier = edge.Services.GetRequiredService<DesiredStateApplier>();
        using var client = edge.CreateClient();

        var outcome = await applier.ApplyAsync(Version2(CloudDigest), download: true, CancellationToken.None);
        var answer = await InferAsync(client);

        Assert.Equal(ApplyOutcome.DigestMismatch, outcome.Status);
        Assert.Contains($"expected {CloudDigest}", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("1", answer.GetProperty("model_version").GetString());
        Assert.Equal("1", edge.Services.GetRequiredService<ModelCatalog>().Resolve("fashion-edge", null).Version);
        Assert.False(Directory.Exists(Path.Combine(_cache, "edge-test", "fashion-edge", "2")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_cache, "edge-test", "tmp")));
    }

    [Fact]
    public async Task Apply_VerifiedArtifact_SwapsUnderLoad_WithNoFailedRequest_ThenRestartServesTheCachedVersion()
    {
        _registry.Artifacts[CloudDigest] = CloudBytes;
        await using (var edge = await StartEdgeAsync())
        {
            var applier = edge.Services.GetRequiredService<DesiredStateApplier>();
            using var client = edge.CreateClient();
            var answered = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource()).ToArray();
            var load = answered.Select(first => LoadUntilVersion2Async(client, first)).ToArray();

            // Every client has had an answer before the swap starts, so the swap really happens under load.
            await Task.WhenAll(answered.Select(a => a.Task));

            var outcome = await applier.ApplyAsync(Version2(CloudDigest), download: true, CancellationToken.None);
            var after = await InferAsync(client);
            var results = (await Task.WhenAll(load)).SelectMany(r => r).ToList();

            Assert.Equal(ApplyOutcome.Applied, outcome.Status);
            Assert.Equal("2", after.GetProperty("model_version").GetString());
            Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Contains(results, r => r.Version == "1");
            Assert.Contains(results, r => r.Version == "2");
            Assert.Equal(CloudDigest, edge.Services.GetRequiredService<RunningModel>().Current?.Digest);
        }

        // Restarted with no registry reachable: the node serves the version it was last told to run.
        var downloads = _registry.Downloads;
        var gone = _registry.Address;
        await _registry.DisposeAsync();
        await using var restarted = await StartEdgeAsync(gone);
        var catalog = restarted.Services.GetRequiredService<ModelCatalog>();
        await WaitUntilAsync(() => catalog.Resolve("fashion-edge", null).Version == "2");
        using var restartedClient = restarted.CreateClient();

        Assert.Equal("2", (await InferAsync(restartedClient)).GetProperty("model_version").GetString());
        Assert.Equal(1, downloads);
        _registry = await ArtifactServer.StartAsync();
    }

    [Fact]
    public async Task Restart_WithTamperedCache_RefusesIt_AndServesTheRepositoryModel()
    {
        _registry.Artifacts[CloudDigest] = CloudBytes;
        await using (var edge = await StartEdgeAsync())
        {
            var outcome = await edge.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(Version2(CloudDigest), download: true, CancellationToken.None);
            Assert.Equal(ApplyOutcome.Applied, outcome.Status);
        }

        var cached = Path.Combine(_cache, "edge-test", "fashion-edge", "2", "model.onnx");
        var bytes = await File.ReadAllBytesAsync(cached);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(cached, bytes);

        await using var restarted = await StartEdgeAsync();
        var running = restarted.Services.GetRequiredService<RunningModel>();
        await WaitUntilAsync(() => running.Current is not null);
        var outcome2 = await restarted.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(Version2(CloudDigest), download: false, CancellationToken.None);

        Assert.Equal("1", restarted.Services.GetRequiredService<ModelCatalog>().Resolve("fashion-edge", null).Version);
        Assert.Equal(1, running.Current!.Version);
        Assert.Equal(ApplyOutcome.DigestMismatch, outcome2.Status);
    }

    [Fact]
    public async Task Apply_OtherModelName_IsRefused_NamingTheServedModel()
    {
        await using var edge = await StartEdgeAsync();

        var outcome = await edge.Services.GetRequiredService<DesiredStateApplier>().ApplyAsync(new RunningModelRef("fashion-cloud", 1, CloudDigest), download: true, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Failed, outcome.Status);
        Assert.Contains("this node serves model 'fashion-edge'", outcome.Detail, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> InferAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(4), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Sends requests back to back until one is answered by version 2 (or 60 s pass).</summary>
    private static async Task<List<(HttpStatusCode Status, string? Version)>> LoadUntilVersion2Async(HttpClient client, TaskCompletionSource firstAnswer)
    {
        List<(HttpStatusCode, string?)> results = [];
        var body = TestData.InferBody(8);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? version = null;
        while (version != "2" && DateTime.UtcNow < deadline)
        {
            using var response = await client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(body, Encoding.UTF8, "application/json"));
            version = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model_version").GetString() : null;
            results.Add((response.StatusCode, version));
            firstAnswer.TrySetResult();
        }

        return results;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Apis;

public sealed class ArtifactsApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private async Task<string> EdgeDigestAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge/versions/1")).GetProperty("digest").GetString()!;

    [Fact]
    public async Task Download_ReturnsTheExactBytes_WithDigestAsETag()
    {
        using var client = host.Factory.CreateClient();
        var digest = await EdgeDigestAsync(client);

        using var response = await client.GetAsync($"/api/artifacts/{digest}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"\"{digest["sha256:".Length..]}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Download_IfNoneMatch_Returns304()
    {
        using var client = host.Factory.CreateClient();
        var digest = await EdgeDigestAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/artifacts/{digest}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{digest["sha256:".Length..]}\""));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Download_Range_ReturnsThatSlice()
    {
        using var client = host.Factory.CreateClient();
        var digest = await EdgeDigestAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/artifacts/{digest}");
        request.Headers.Range = new RangeHeaderValue(100, 163);

        using var response = await client.SendAsync(request);
        var slice = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(RegistryHost.ModelBytes("fashion-edge").AsSpan(100, 64).ToArray(), slice);
    }

    [Theory]
    [InlineData("sha256:xyz", HttpStatusCode.BadRequest, "is not a digest")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound, "no artifact")]
    public async Task Download_BadOrUnknownDigest_IsRefused(string digest, HttpStatusCode status, string expected)
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync($"/api/artifacts/{digest}");

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreDown_Returns503Problem_AndLivenessHolds()
    {
        await using var offline = host.Create(seed: null, store: $"127.0.0.1:{FreePort.Next()}");
        using var client = offline.CreateClient();

        using var response = await client.GetAsync("/api/models");
        using var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Store unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}

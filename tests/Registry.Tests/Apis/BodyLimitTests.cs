using System.Net;
using System.Text;
using System.Text.Json;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Apis;

/// <summary>
/// Body limits per endpoint on a real Kestrel (TestServer enforces none): JSON endpoints take Limits:JsonBodyBytes, only
/// the model upload takes a model file's size, and a larger body is a 413 ProblemDetails naming the limit, whether its
/// length is declared or it arrives chunked.
/// </summary>
public sealed class BodyLimitTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private const int JsonLimit = 4096;

    private async Task<(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Registry, HttpClient Client)> StartAsync()
    {
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        var registry = host.Create(seed: null, settings: new Dictionary<string, string?>
        {
            ["Limits:JsonBodyBytes"] = JsonLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{http}",
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpc}",
        });
        registry.UseKestrel();
        registry.StartServer();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") }.Authorize();
        await HealthWait.UntilHealthyAsync(client);
        return (registry, client);
    }

    private static string Desired(int padding) =>
        "{\"model\":\"fashion-edge\",\"version\":1,\"note\":\"" + new string('x', padding) + "\"}";

    [Fact]
    public async Task JsonEndpoint_DeclaredBodyOverTheLimit_Is413ProblemDetails()
    {
        var (registry, client) = await StartAsync();
        await using var _ = registry;
        using var __ = client;

        using var response = await client.PutAsync("/api/fleet/devices/edge-9/desired",
            new StringContent(Desired(2 * JsonLimit), Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"limit of {JsonLimit} bytes (Limits:JsonBodyBytes)", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonEndpoint_ChunkedBodyOverTheLimit_IsStoppedByKestrel_413()
    {
        var (registry, client) = await StartAsync();
        await using var _ = registry;
        using var __ = client;

        // A stream of unknown length goes out chunked: no Content-Length to refuse up front, Kestrel counts as it reads.
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(Desired(2 * JsonLimit))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PutAsync("/api/fleet/devices/edge-9/desired", content);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("(Limits:JsonBodyBytes)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelUpload_KeepsTheArtifactLimit()
    {
        var (registry, client) = await StartAsync();
        await using var _ = registry;
        using var __ = client;
        var model = RegistryHost.ModelBytes("fashion-edge");
        Assert.True(model.Length > JsonLimit, "the model must be larger than the JSON limit for this test to mean anything");

        using var response = await client.PostAsync("/api/models/limits-m1/versions", RegistryHost.Form(model, RegistryHost.CardAs("fashion-edge", "limits-m1")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A read-only stream that hides its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

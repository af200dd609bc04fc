using System.Net;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Security;
using Microsoft.AspNetCore.TestHost;

namespace HybridInference.ServiceDefaults.Tests.Limits;

/// <summary>
/// Body limits per endpoint: admin (JSON) endpoints take <c>Limits:JsonBodyBytes</c>, an endpoint with its own limit
/// (an upload) replaces the group's, and a larger declared body is a 413 ProblemDetails naming the limit and its
/// setting before anything reads it. Kestrel's enforcement of undeclared (chunked) bodies is tested against the registry.
/// </summary>
public sealed class BodySizeLimitTests
{
    private static readonly string Writer = LimitsHost.Token("operator", Scopes.ModelsWrite);

    private static StringContent Json(int bytes) =>
        new("{\"name\":\"a\",\"note\":\"" + new string('x', bytes - 22) + "\"}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task JsonBody_OverTheLimit_Is413ProblemDetails_NamingTheLimit()
    {
        await using var app = await LimitsHost.StartAsync(new() { ["Limits:JsonBodyBytes"] = "2048" });
        using var client = app.GetTestClient();

        using var small = await client.SendAsync(LimitsHost.Request(HttpMethod.Put, "/api/things/a", Writer, Json(2000)));
        using var large = await client.SendAsync(LimitsHost.Request(HttpMethod.Put, "/api/things/a", Writer, Json(4096)));
        using var problem = JsonDocument.Parse(await large.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Equal("the request body of 4096 bytes exceeds this endpoint's limit of 2048 bytes (Limits:JsonBodyBytes)",
            problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EndpointLimit_ReplacesTheGroups()
    {
        await using var app = await LimitsHost.StartAsync(new() { ["Limits:JsonBodyBytes"] = "2048" });
        using var client = app.GetTestClient();

        using var upload = await client.SendAsync(LimitsHost.Request(HttpMethod.Post, "/api/things/a/upload", Writer, new ByteArrayContent(new byte[32 * 1024])));
        using var tooLarge = await client.SendAsync(LimitsHost.Request(HttpMethod.Post, "/api/things/a/upload", Writer, new ByteArrayContent(new byte[65 * 1024])));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("limit of 65536 bytes (Things:MaxUploadBytes)", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_ComesAfterAuthentication()
    {
        await using var app = await LimitsHost.StartAsync(new() { ["Limits:JsonBodyBytes"] = "2048" });
        using var client = app.GetTestClient();

        using var anonymous = await client.SendAsync(LimitsHost.Request(HttpMethod.Put, "/api/things/a", null, Json(4096)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

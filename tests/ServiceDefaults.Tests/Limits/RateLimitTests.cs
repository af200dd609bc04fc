using System.Net;
using System.Text.Json;
using HybridInference.Contracts.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace HybridInference.ServiceDefaults.Tests.Limits;

/// <summary>
/// The shared rate limits: a token bucket per client, 429 ProblemDetails with Retry-After once it is spent, other
/// clients untouched, health never limited, and the bucket refilling. The limiter runs on the real clock (it takes no
/// TimeProvider), so the bucket refills once a second: each test spends it in a few in-process calls, and the refill is
/// awaited by polling, never timed.
/// </summary>
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Inference(int permits, int burst) => new()
    {
        ["Limits:Inference:PermitsPerSecond"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:Inference:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<HttpResponseMessage> InferAsync(HttpClient client, string token) =>
        await client.SendAsync(LimitsHost.Request(HttpMethod.Post, "/v2/models/m/infer", token));

    /// <summary>Sends until the first refusal; the bucket's permits always pass first (more only if a second went by).</summary>
    private static async Task<(int Accepted, HttpResponseMessage Refused)> SpendAsync(Func<Task<HttpResponseMessage>> send, int most = 50)
    {
        for (var accepted = 0; accepted < most; accepted++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (accepted, response);
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException($"no 429 in {most} requests");
    }

    [Fact]
    public async Task Burst_Spent_Is429ProblemDetails_WithRetryAfter_OtherClientsPass_AndItRecovers()
    {
        await using var app = await StartAsync(Inference(permits: 1, burst: 3));
        using var client = app.GetTestClient();
        var camera = LimitsHost.Token("camera-1", Scopes.Inference);

        var (accepted, refused) = await SpendAsync(() => InferAsync(client, camera));
        using (refused)
        {
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.True(accepted >= 3, $"only {accepted} accepted before the first 429; the burst is 3");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1", Assert.Single(refused.Headers.GetValues("Retry-After")));
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("Limits:Inference", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Another subject has its own bucket; health is never limited.
        using (var other = await InferAsync(client, LimitsHost.Token("camera-2", Scopes.Inference)))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The bucket refills (one permit a second): poll until camera-1 is served again.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            using var again = await InferAsync(client, camera);
            status = again.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AnonymousCallers_AreLimitedByRemoteAddress()
    {
        await using var app = await StartAsync(Inference(permits: 1, burst: 2));
        var server = app.GetTestServer();

        Task<HttpContext> From(string address) => server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/v2/models/m/infer";
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });

        async Task<HttpResponseMessage> Send(string address) => new((HttpStatusCode)(await From(address)).Response.StatusCode);

        var (accepted, refused) = await SpendAsync(() => Send("192.0.2.10"));
        refused.Dispose();
        Assert.True(accepted >= 2, $"only {accepted} accepted before the first 429; the burst is 2");
        Assert.Equal(StatusCodes.Status200OK, (await From("192.0.2.11")).Response.StatusCode);
    }

    [Fact]
    public async Task AdminPolicy_IsPerSubject_AndSeparateFromInference()
    {
        var settings = Inference(permits: 1, burst: 1);
        settings["Limits:Admin:PermitsPerSecond"] = "1";
        settings["Limits:Admin:Burst"] = "2";
        await using var app = await StartAsync(settings);
        using var client = app.GetTestClient();
        var operatorToken = LimitsHost.Token("operator", Scopes.ModelsWrite, Scopes.Inference);

        var (accepted, refused) = await SpendAsync(() => client.SendAsync(LimitsHost.Request(
            HttpMethod.Put, "/api/things/a", operatorToken, JsonContent("""{"name":"a"}"""))));
        using (refused)
        {
            Assert.True(accepted >= 2, $"only {accepted} accepted before the first 429; the burst is 2");
            Assert.Contains("Limits:Admin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var inference = await InferAsync(client, operatorToken);
        Assert.Equal(HttpStatusCode.OK, inference.StatusCode);
    }

    [Fact]
    public async Task InferenceLimit_IsOffUnlessConfigured()
    {
        await using var app = await StartAsync([]);
        using var client = app.GetTestClient();
        var camera = LimitsHost.Token("camera-1", Scopes.Inference);

        for (var i = 0; i < 100; i++)
        {
            using var response = await InferAsync(client, camera);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static Task<WebApplication> StartAsync(Dictionary<string, string?> settings) => LimitsHost.StartAsync(settings);

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

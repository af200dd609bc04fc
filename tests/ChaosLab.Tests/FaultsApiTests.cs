using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Faults.Distribution;
using HybridInference.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.ChaosLab.Tests;

public sealed class FaultsApiTests(ChaosLabHost host) : IClassFixture<ChaosLabHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Post_ValidFault_Is201_ListedAndStoredWithItsExpiryAsTtl()
    {
        var response = await _client.PostAsJsonAsync("/api/faults", new
        {
            kind = "link-latency", service = "router", destination = "cloud-inference", latencyMs = 300, jitterMs = 20, durationSeconds = 120,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/faults/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("link-latency", created.GetProperty("kind").GetString());
        Assert.Equal("router->cloud-inference", created.GetProperty("target").GetString());
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(120), created.GetProperty("expiresAt").GetDateTimeOffset());

        var listed = JsonDocument.Parse(await _client.GetStringAsync("/api/faults")).RootElement;
        Assert.Contains(listed.EnumerateArray(), fault => fault.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/faults/{id}")).StatusCode);

        var store = host.Factory.Services.GetRequiredService<StoreConnection>();
        var ttl = await store.Database.KeyTimeToLiveAsync(host.Factory.Services.GetRequiredService<FaultStore>().FaultKey(id));
        Assert.InRange(ttl!.Value.TotalSeconds, 100, 120);
    }

    [Fact]
    public async Task Post_SameIdTwice_Is409()
    {
        var fault = new { id = "dup-1", kind = "store-outage", service = "router", durationSeconds = 30 };
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/faults", fault)).StatusCode);

        var again = await _client.PostAsJsonAsync("/api/faults", fault);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("dup-1", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_OneFault_Is204_ThenGoneAnd404()
    {
        await _client.PostAsJsonAsync("/api/faults", new { id = "gone-1", kind = "model-noise", service = "edge-1", noise = 0.2, durationSeconds = 30 });

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/api/faults/gone-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/faults/gone-1")).StatusCode);
        var again = await _client.DeleteAsync("/api/faults/gone-1");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("gone-1", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteAll_ClearsEveryFault()
    {
        using var own = new ChaosLabHost();
        var client = own.Factory.CreateClient();
        await client.PostAsJsonAsync("/api/faults", new { kind = "store-outage", service = "router", durationSeconds = 30 });
        await client.PostAsJsonAsync("/api/faults", new { kind = "device", service = "edge-1", device = new { throttle = true }, durationSeconds = 30 });

        var cleared = await client.DeleteAsync("/api/faults");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await cleared.Content.ReadAsStringAsync()).RootElement.GetProperty("cleared").GetInt32());
        Assert.Equal("[]", await client.GetStringAsync("/api/faults"));
    }

    [Fact]
    public async Task Post_WhenTheActiveFaultsAreAtTheLimit_Is409NamingTheLimit_UntilOneIsRemoved()
    {
        using var own = new ChaosLabHost();
        using var limited = own.Factory.WithWebHostBuilder(web => web.UseSetting("Faults:Limits:MaxActive", "2"));
        var client = limited.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/faults", new { id = "one", kind = "store-outage", service = "router", durationSeconds = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/faults", new { id = "two", kind = "store-outage", service = "edge-1", durationSeconds = 30 })).StatusCode);

        var full = await client.PostAsJsonAsync("/api/faults", new { id = "three", kind = "store-outage", service = "edge-2", durationSeconds = 30 });

        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        var problem = JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("2 faults are active, the most allowed (Faults:Limits:MaxActive)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(await client.GetStringAsync("/api/faults")).RootElement.GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/faults/one")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/faults", new { id = "three", kind = "store-outage", service = "edge-2", durationSeconds = 30 })).StatusCode);
    }

    [Fact]
    public async Task Post_LongerThanTheConfiguredLimit_Is400NamingIt()
    {
        using var own = new ChaosLabHost();
        using var limited = own.Factory.WithWebHostBuilder(web => web.UseSetting("Faults:Limits:MaxDurationSeconds", "60"));

        var response = await limited.CreateClient().PostAsJsonAsync("/api/faults", new { kind = "store-outage", service = "router", durationSeconds = 120 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("durationSeconds");
        Assert.Contains("more than the 60 s allowed here (Faults:Limits:MaxDurationSeconds)", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"service":"router","durationSeconds":5}""", "kind")]
    [InlineData("""{"kind":"nope","service":"router","durationSeconds":5}""", "kind")]
    [InlineData("""{"kind":"link-latency","service":"router","latencyMs":10,"durationSeconds":5}""", "destination")]
    [InlineData("""{"kind":"link-latency","service":"router","destination":"cloud-inference","durationSeconds":5}""", "latencyMs")]
    [InlineData("""{"kind":"link-error","service":"router","destination":"cloud-inference","statusCode":200,"durationSeconds":5}""", "statusCode")]
    [InlineData("""{"kind":"link-partition","service":"router","destination":"cloud-inference","mode":"drop","durationSeconds":5}""", "mode")]
    [InlineData("""{"kind":"store-outage","service":"router","rate":-0.1,"durationSeconds":5}""", "rate")]
    [InlineData("""{"kind":"store-outage","service":"router"}""", "durationSeconds")]
    [InlineData("""{"kind":"store-outage","service":"router","durationSeconds":7200}""", "durationSeconds")]
    [InlineData("""{"kind":"device","service":"edge-1","device":{"extraUtilisation":3},"durationSeconds":5}""", "device.extraUtilisation")]
    [InlineData("""{"kind":"model-noise","service":"edge-1","noise":2,"durationSeconds":5}""", "noise")]
    [InlineData("""{"kind":"store-outage","service":"router","durationSeconds":"soon"}""", "durationSeconds")]
    [InlineData("""{"kind":"store-outage",""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task Post_BadInput_Is400_NamingTheField(string body, string field)
    {
        var response = await _client.PostAsync("/api/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error on '{field}': {problem}");
        Assert.Contains(messages.EnumerateArray(), message => message.GetString()?.Length > 10);
    }

    [Fact]
    public async Task OpenApi_DescribesTheFaultsApi()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/faults", out var faults));
        Assert.True(faults.TryGetProperty("post", out _));
        Assert.True(faults.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/faults/{id}", out _));
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HybridInference.EdgeInference.Tests.Apis;

/// <summary>The device endpoint and the fault hook, and that a throttled device really serves slower.</summary>
public sealed class DeviceApiTests(EdgeFactory factory) : IClassFixture<EdgeFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Device_ReportsIdentityAndHealth()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/device");

        Assert.Equal("edge-test", json.GetProperty("deviceId").GetString());
        Assert.Equal("site-7", json.GetProperty("site").GetString());
        Assert.Equal("canary", json.GetProperty("fleetGroup").GetString());
        Assert.InRange(json.GetProperty("gpuTemperatureCelsius").GetDouble(), 0, 150);
        Assert.True(json.GetProperty("gpuMemoryTotalMiB").GetDouble() > json.GetProperty("gpuMemoryUsedMiB").GetDouble());
    }

    [Fact]
    public async Task Fault_ForcedThrottle_MakesInferenceSlowerUntilCleared()
    {
        using var set = await _client.PutAsJsonAsync("/device/fault", new { forceThrottle = true });
        Assert.True((await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("throttled").GetBoolean());

        var watch = Stopwatch.StartNew();
        using (var slow = await _client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(1), Encoding.UTF8, "application/json")))
        {
            slow.EnsureSuccessStatusCode();
        }

        // A lower bound only: the throttle delay is the floor of a throttled execution's time.
        Assert.True(watch.ElapsedMilliseconds >= EdgeFactory.ThrottleMinDelayMs, $"throttled inference took {watch.ElapsedMilliseconds} ms");

        using var cleared = await _client.DeleteAsync("/device/fault");
        Assert.False((await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("throttled").GetBoolean());
    }

    [Theory]
    [InlineData("""{"extraUtilisation": 2}""", "ExtraUtilisation")]
    [InlineData("""{"extraCelsius": 500}""", "ExtraCelsius")]
    public async Task Fault_OutOfRange_Is400NamingTheField(string body, string field)
    {
        using var response = await _client.PutAsync("/device/fault", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>Every bad desired-state request is a 4xx naming the problem, on Garnet and redis-server; nothing is written.</summary>
public sealed class DesiredStateApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    public static TheoryData<string> Stores => StoreBackends.Available();

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies => new()
    {
        { "application/json", """{"model":"fashion-edge","version":99,"actor":"a"}""", HttpStatusCode.NotFound, "version 99 of model 'fashion-edge' does not exist" },
        { "application/json", """{"model":"no-such-model","version":1,"actor":"a"}""", HttpStatusCode.NotFound, "version 1 of model 'no-such-model' does not exist" },
        { "application/json", """{"model":"fashion-edge","alias":"nope","actor":"a"}""", HttpStatusCode.NotFound, "model 'fashion-edge' has no alias 'nope'" },
        { "application/json", """{"version":1,"actor":"a"}""", HttpStatusCode.BadRequest, "'model' is required" },
        { "application/json", """{"model":"fashion-edge","actor":"a"}""", HttpStatusCode.BadRequest, "exactly one of 'version'" },
        { "application/json", """{"model":"fashion-edge","version":1,"alias":"champion","actor":"a"}""", HttpStatusCode.BadRequest, "exactly one of 'version'" },
        { "application/json", """{"model":"fashion-edge","version":"one","actor":"a"}""", HttpStatusCode.BadRequest, "not a valid desired state" },
        { "application/json", """{"model":"fashion-edge","version":1,"actor":"a""", HttpStatusCode.BadRequest, "not a valid desired state" },
        { "application/json", "null", HttpStatusCode.BadRequest, "the body is empty" },
        { "text/plain", "fashion-edge@1", HttpStatusCode.BadRequest, "expected a JSON body" },
        { "application/json", """{"model":"fashion-edge","version":1,"actor":"a","rules":[{"name":"hot","expression":"gpu_temperature_c >> 85 -> cloud"}]}""", HttpStatusCode.BadRequest, "rules[0].expression 'gpu_temperature_c >> 85 -> cloud'" },
        { "application/json", """{"model":"fashion-edge","version":1,"actor":"a","rules":[{"name":"Hot Gpu","expression":"gpu_temperature_c > 85 -> cloud"}]}""", HttpStatusCode.BadRequest, "rules[0].name 'Hot Gpu' is invalid" },
        { "application/json", """{"model":"fashion-edge","version":1,"actor":"a","rules":[null]}""", HttpStatusCode.BadRequest, "rules[0] is null" },
        { "application/json", TooManyRules, HttpStatusCode.BadRequest, "'rules' may hold at most 32 rules (was 33; Fleet:MaxRulesPerDevice)" },
    };

    /// <summary>One more valid rule than the default bound (Fleet:MaxRulesPerDevice, 32).</summary>
    private static string TooManyRules =>
        """{"model":"fashion-edge","version":1,"actor":"a","rules":[""" + string.Join(",", Enumerable.Range(0, 33).Select(i => $$"""{"name":"r{{i}}","expression":"gpu_temperature_c > 85 -> cloud"}""")) + "]}";

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task SetDesired_BadRequest_IsRefusedNamingTheProblem_AndChangesNothing(string contentType, string body, HttpStatusCode status, string expected)
    {
        var registry = await host.FactoryAsync();
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(id);

        using var response = await http.PutAsync($"/api/fleet/devices/{id}/desired", new StringContent(body, Encoding.UTF8, contentType));
        var device = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/fleet/devices/{id}");

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, device.GetProperty("desired").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task UnknownDevice_Is404_ForDesiredViewAndTelemetry(string store)
    {
        using var http = await host.ClientAsync(store);

        using var put = await http.PutAsJsonAsync("/api/fleet/devices/ghost-1/desired", new { model = "fashion-edge", version = 1, actor = "a" });
        using var get = await http.GetAsync("/api/fleet/devices/ghost-1");
        using var telemetry = await http.GetAsync("/api/fleet/devices/ghost-1/telemetry");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Contains("device 'ghost-1' is not registered", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, telemetry.StatusCode);
    }

    [Theory]
    [InlineData("/api/fleet/audit?count=0")]
    [InlineData("/api/fleet/audit?count=1001")]
    public async Task Audit_CountOutOfRange_Is400(string path)
    {
        using var http = await host.ClientAsync();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count must be between 1 and 1000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDesired_RecordsTheTokensSubject_NotTheXActorHeader_AndVersionIsResolvedAtOnce()
    {
        var registry = await host.FactoryAsync();
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/fleet/devices/{id}/desired")
        {
            Content = JsonContent.Create(new { model = "fashion-cloud", version = 1 }),
        };
        request.Headers.Add("X-Actor", "bob");

        using var response = await http.SendAsync(request);
        var desired = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("operator", desired.GetProperty("setBy").GetString());
        Assert.Equal("fashion-cloud", desired.GetProperty("model").GetProperty("name").GetString());
        Assert.StartsWith("sha256:", desired.GetProperty("model").GetProperty("digest").GetString(), StringComparison.Ordinal);
    }
}

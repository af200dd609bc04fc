using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.Registry.Fleet;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>
/// Desired state for a whole group or site, on Garnet and redis-server: it reaches every current device and
/// devices that register later, a device's own later state wins, the fleet view filters by group and site,
/// and a list of devices can be set in one call. Bad names are 400s, targets without devices 404s, and a
/// refused request writes nothing.
/// </summary>
public sealed class TargetDesiredStateTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    public static TheoryData<string> Stores => StoreBackends.Available();

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task GroupDesired_ReachesCurrentAndLaterDevices_OneAuditEntry_AndADevicesOwnLaterStateWins(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var group = NewName("grp");
        string[] members = [.. new[] { FleetClient.NewDeviceId(), FleetClient.NewDeviceId() }.Order(StringComparer.Ordinal)];
        var outsider = FleetClient.NewDeviceId();
        foreach (var id in members)
        {
            await fleet.RegisterAsync(id, group: group);
        }

        await fleet.RegisterAsync(outsider, group: NewName("other"));

        using var put = await http.PutAsJsonAsync($"/api/fleet/groups/{group}/desired", new { model = "fashion-cloud", version = 1, actor = "alice", reason = "group test" });
        var result = await put.Content.ReadFromJsonAsync<JsonElement>();
        var audit = (await http.GetFromJsonAsync<JsonElement>("/api/fleet/audit?count=50")).EnumerateArray()
            .Where(e => e.GetProperty("device").GetString() == $"group:{group}").ToList();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal($"group:{group}", result.GetProperty("target").GetString());
        Assert.Equal(members, result.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        var generation = result.GetProperty("desired").GetProperty("generation").GetInt64();
        foreach (var id in members)
        {
            var desired = (await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}")).GetProperty("desired");
            Assert.Equal(generation, desired.GetProperty("generation").GetInt64());
            Assert.Equal("fashion-cloud", desired.GetProperty("model").GetProperty("name").GetString());
            Assert.Equal($"group:{group}", desired.GetProperty("target").GetString());
        }

        Assert.Equal(JsonValueKind.Null, (await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{outsider}")).GetProperty("desired").ValueKind);
        var entry = Assert.Single(audit);
        Assert.Equal(members, entry.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("operator", entry.GetProperty("actor").GetString());
        Assert.StartsWith("fashion-cloud@1 (sha256:", entry.GetProperty("to").GetString(), StringComparison.Ordinal);

        // A device registering into the group later is told the group's state at registration.
        var late = FleetClient.NewDeviceId();
        var reply = await fleet.RegisterAsync(late, group: group);
        Assert.Equal(generation, reply.Desired.Generation);
        Assert.Equal("fashion-cloud", reply.Desired.ModelName);

        // A device's own state set later wins, also when it registers again.
        using var own = await http.PutAsJsonAsync($"/api/fleet/devices/{members[0]}/desired", new { model = "fashion-edge", version = 1, actor = "bob" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var again = await fleet.RegisterAsync(members[0], group: group);
        Assert.Equal("fashion-edge", again.Desired.ModelName);

        // And a group state set after that wins again.
        using var second = await http.PutAsJsonAsync($"/api/fleet/groups/{group}/desired", new { model = "fashion-cloud", version = 1, actor = "carol" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("fashion-cloud", (await fleet.RegisterAsync(members[0], group: group)).Desired.ModelName);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SiteDesired_ReachesTheSitesDevices_AndTheViewFiltersByGroupAndSite(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var site = NewName("site");
        var group = NewName("grp");
        var a = FleetClient.NewDeviceId();
        var b = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(a, site: site, group: group);
        await fleet.RegisterAsync(b, site: site);

        using var put = await http.PutAsJsonAsync($"/api/fleet/sites/{site}/desired", new { model = "fashion-edge", alias = "champion", actor = "alice" });
        var bySite = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices?site={site}");
        var byBoth = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices?site={site}&group={group}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), bySite.EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(bySite.EnumerateArray(), d => Assert.Equal($"site:{site}", d.GetProperty("desired").GetProperty("target").GetString()));
        Assert.Equal(a, Assert.Single(byBoth.EnumerateArray()).GetProperty("id").GetString());
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "/api/fleet/groups/-canary/desired", "group name '-canary' is invalid" },
        { "/api/fleet/sites/site%201/desired", "site name 'site 1' is invalid" },
        { $"/api/fleet/groups/{new string('g', 64)}/desired", $"group name '{new string('g', 64)}' is invalid" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task TargetDesired_BadName_Is400NamingIt(string path, string expected)
    {
        using var http = await host.ClientAsync();

        using var response = await http.PutAsJsonAsync(path, new { model = "fashion-edge", version = 1, actor = "a" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/fleet/devices?group=a/b", "group 'a/b' is invalid")]
    [InlineData("/api/fleet/devices?site=.hidden", "site '.hidden' is invalid")]
    public async Task DeviceList_BadFilter_Is400NamingIt(string path, string expected)
    {
        using var http = await host.ClientAsync();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("groups")]
    [InlineData("sites")]
    public async Task TargetDesired_NoDevices_Is404SayingWhatExists_AndWritesNothing(string kind)
    {
        var registry = await host.FactoryAsync();
        using var http = registry.CreateClient();
        var name = NewName("empty");

        using var response = await http.PutAsJsonAsync($"/api/fleet/{kind}/{name}/desired", new { model = "fashion-edge", version = 1, actor = "a" });
        var later = FleetClient.NewDeviceId();
        using var fleet = new FleetClient(registry);
        var reply = kind == "groups" ? await fleet.RegisterAsync(later, group: name) : await fleet.RegisterAsync(later, site: name);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"'{name}' has no registered devices; {kind} in the fleet:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(reply.Desired);
    }

    [Theory]
    [InlineData("""{"model":"fashion-edge","version":99,"actor":"a"}""", HttpStatusCode.NotFound, "version 99 of model 'fashion-edge' does not exist")]
    [InlineData("""{"model":"fashion-edge","actor":"a"}""", HttpStatusCode.BadRequest, "exactly one of 'version'")]
    [InlineData("""{"model":"fashion-edge","version":1,"actor":"a""", HttpStatusCode.BadRequest, "not a valid desired state")]
    public async Task GroupDesired_BadBody_IsRefused_AndNeitherDevicesNorLaterDevicesGetAnything(string body, HttpStatusCode status, string expected)
    {
        var registry = await host.FactoryAsync();
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var group = NewName("grp");
        var member = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(member, group: group);

        using var response = await http.PutAsync($"/api/fleet/groups/{group}/desired", new StringContent(body, Encoding.UTF8, "application/json"));
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{member}");
        var late = await fleet.RegisterAsync(FleetClient.NewDeviceId(), group: group);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, device.GetProperty("desired").ValueKind);
        Assert.Null(late.Desired);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SetDesiredForDevices_SetsEveryListedDevice_InOneGeneration_WithOneAuditEntry_KeepingEachDevicesRules(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var fleetStore = registry.Services.GetRequiredService<FleetStore>();
        var a = FleetClient.NewDeviceId();
        var b = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(a);
        await fleet.RegisterAsync(b);
        using var withRule = await http.PutAsJsonAsync($"/api/fleet/devices/{a}/desired", new
        {
            model = "fashion-edge", version = 1, actor = "a", rules = new[] { new { name = "hot-gpu", expression = "gpu_temperature_c > 85 -> cloud" } },
        });
        var v1 = (await fleetStore.GetDesiredAsync(a))!.Model;

        var states = await fleetStore.SetDesiredForDevicesAsync([a, b], v1, 1234, "canary-bot", "5 % canary");
        var audit = (await fleetStore.AuditAsync(10)).First(e => e.Devices is { Count: 2 } d && d.Contains(a) && d.Contains(b));

        Assert.Equal(2, states.Count);
        Assert.Single(states.Select(s => s.Generation).Distinct());
        Assert.Equal("hot-gpu", Assert.Single((await fleetStore.GetDesiredAsync(a))!.Rules).Name);
        Assert.Empty((await fleetStore.GetDesiredAsync(b))!.Rules);
        Assert.Equal(states[0].Generation, (await fleetStore.GetDesiredAsync(b))!.Generation);
        Assert.Equal("devices", audit.Device);
        Assert.Equal("canary-bot", audit.Actor);
        Assert.Equal("5 % canary", audit.Reason);
    }

    [Fact]
    public async Task SetDesiredForDevices_UnknownOrNoDevice_Throws_AndWritesNothing()
    {
        var registry = await host.FactoryAsync();
        using var fleet = new FleetClient(registry);
        var fleetStore = registry.Services.GetRequiredService<FleetStore>();
        var known = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(known);
        var model = new Contracts.Fleet.ModelRef("fashion-edge", 1, "sha256:" + new string('b', 64));

        var unknown = await Assert.ThrowsAsync<UnknownDevicesException>(() => fleetStore.SetDesiredForDevicesAsync([known, "ghost-7"], model, 1, "bot", null));
        await Assert.ThrowsAsync<ArgumentException>(() => fleetStore.SetDesiredForDevicesAsync([], model, 1, "bot", null));
        await Assert.ThrowsAsync<ArgumentException>(() => fleetStore.SetDesiredForDevicesAsync([known, known], model, 1, "bot", null));

        Assert.Equal(["ghost-7"], unknown.Devices);
        Assert.Contains("not registered: ghost-7", unknown.Message, StringComparison.Ordinal);
        Assert.Null(await fleetStore.GetDesiredAsync(known));
    }

    [Theory]
    [InlineData("site 1", "canary", "site 'site 1' is invalid")]
    [InlineData("site-1", "../canary", "group '../canary' is invalid")]
    public async Task Register_NameThatCannotBeTargeted_IsInvalidArgument(string site, string group, string expected)
    {
        var registry = await host.FactoryAsync();
        using var fleet = new FleetClient(registry);

        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(FleetClient.NewDeviceId(), site: site, group: group));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }
}

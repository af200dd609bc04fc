using System.Net;
using System.Net.Sockets;
using HybridInference.Clients.Fleet;
using HybridInference.Contracts.Fleet;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Fleet;

/// <summary>The fleet client against the real registry: what it reads, what it sets, and the registry's refusals.</summary>
public sealed class FleetClientTests(FleetRegistry registry) : IClassFixture<FleetRegistry>
{
    [Fact]
    public async Task ListDevices_RegisteredDevices_ComeBackAsTheRegistryShowsThem_FilteredByGroupAndSite()
    {
        var (a, b) = (FleetRegistry.NewId("a"), FleetRegistry.NewId("b"));
        var site = FleetRegistry.NewId("site");
        await registry.RegisterAsync(a, site, "canary");
        await registry.RegisterAsync(b, site, "stable");

        var all = await registry.Client.ListDevicesAsync();
        var canary = await registry.Client.ListDevicesAsync(group: "canary", site: site);
        var bySite = await registry.Client.ListDevicesAsync(site: site);

        Assert.Contains(all, d => d.Id == a);
        Assert.Equal([a], canary.Select(d => d.Id));
        Assert.Equal([a, b], bySite.Select(d => d.Id).Order(StringComparer.Ordinal));
        var device = Assert.Single(canary);
        Assert.Equal((site, "canary", "sim-gpu", "1.0.0", "online"), (device.Site, device.Group, device.Hardware, device.SoftwareVersion, device.State));
        Assert.Null(device.Desired);
    }

    [Fact]
    public async Task SetDeviceDesired_ByAlias_WithTheActorHeader_IsResolved_Shown_AndAudited()
    {
        var id = FleetRegistry.NewId();
        await registry.RegisterAsync(id);
        var rules = new RuleDefinition?[] { new("hot-gpu", "gpu_temperature_c > 85 -> cloud") };

        var desired = await registry.Client.SetDeviceDesiredAsync(id, new DesiredStateRequest("fashion-edge", null, "champion", rules, null, "client test"), actor: "client-tests");
        var read = await registry.Client.GetDesiredAsync(id);
        var audit = await registry.Client.AuditAsync(count: 1000);

        Assert.Equal("fashion-edge", desired.Model.Name);
        Assert.Equal("champion", desired.RequestedAlias);
        Assert.Equal("operator", desired.SetBy);
        Assert.StartsWith("sha256:", desired.Model.Digest, StringComparison.Ordinal);
        Assert.NotNull(read);
        Assert.Equal(desired, read with { Rules = desired.Rules });
        Assert.Equal(["hot-gpu"], read.Rules.Select(r => r.Name));
        var entry = Assert.Single(audit, e => e.Device == id);
        Assert.Equal(("operator", "client test"), (entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task SetGroupAndSiteDesired_ReachEveryMember()
    {
        var (a, b) = (FleetRegistry.NewId("a"), FleetRegistry.NewId("b"));
        var (group, site) = (FleetRegistry.NewId("group"), FleetRegistry.NewId("site"));
        await registry.RegisterAsync(a, site, group);
        await registry.RegisterAsync(b, site, group);
        var request = new DesiredStateRequest("fashion-edge", 1, null, null, null, null);

        var byGroup = await registry.Client.SetGroupDesiredAsync(group, request, actor: "client-tests");
        var bySite = await registry.Client.SetSiteDesiredAsync(site, request, actor: "client-tests");

        Assert.Equal($"group:{group}", byGroup.Target);
        Assert.Equal([a, b], byGroup.Devices.Order(StringComparer.Ordinal));
        Assert.Equal($"site:{site}", bySite.Target);
        Assert.Equal(1, bySite.Desired.Model.Version);
        Assert.Equal($"site:{site}", (await registry.Client.GetDeviceAsync(a)).Desired?.Target);
    }

    [Fact]
    public async Task Telemetry_OfASilentDevice_IsEmpty()
    {
        var id = FleetRegistry.NewId();
        await registry.RegisterAsync(id);

        Assert.Empty(await registry.Client.TelemetryAsync(id, count: 5));
    }

    [Fact]
    public async Task UnknownDevice_Is404_WithTheRegistrysProblemDetail()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => registry.Client.GetDeviceAsync("ghost-1"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.Unreachable);
        Assert.Equal("device 'ghost-1' is not registered; registered devices are listed at GET /api/fleet/devices", error.Detail);
    }

    [Fact]
    public async Task SetDesired_WithoutActor_IsAuditedAsTheTokensSubject()
    {
        var id = FleetRegistry.NewId();
        await registry.RegisterAsync(id);

        var desired = await registry.Client.SetDeviceDesiredAsync(id, new DesiredStateRequest("fashion-edge", 1, null, null, null, null));

        Assert.Equal("operator", desired.SetBy);
    }

    [Fact]
    public async Task RegistryUnreachable_IsAnUnreachableApiException()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var services = new ServiceCollection().AddOperatorCredential();
        services.AddFleetClient((_, http) => http.BaseAddress = new Uri($"http://127.0.0.1:{port}"), o => o.MaxRetryAttempts = 0);
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ApiException>(() => provider.GetRequiredService<FleetClient>().ListDevicesAsync());

        Assert.True(error.Unreachable);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullList_IsAnApiException_SayingSo()
    {
        await using var app = await NullListAsync();
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddFleetClient((_, http) => http.BaseAddress = LoopbackApp.Address(app));
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ApiException>(() => provider.GetRequiredService<FleetClient>().ListDevicesAsync());

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("the registry answered null instead of a device list", error.Detail);
    }

    private static async Task<WebApplication> NullListAsync()
    {
        var app = LoopbackApp.CreateBuilder().Build();
        app.MapGet("/api/fleet/devices", () => Results.Text("null", "application/json"));
        await app.StartAsync();
        return app;
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>Devices register, stream telemetry and reports, and receive their desired state, on Garnet and redis-server.</summary>
public sealed class FleetStreamTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    public static TheoryData<string> Stores => StoreBackends.Available();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Register_ThenTelemetry_ShowsDeviceOnlineAndHealthy_WithLatestTelemetry(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();

        var reply = await fleet.RegisterAsync(id, site: "site-9");
        using var call = await fleet.ConnectAsync(id);
        await call.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 61.5) });
        await FleetClient.CloseAsync(call);
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");
        var all = await http.GetFromJsonAsync<JsonElement>("/api/fleet/devices");
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}/telemetry");

        Assert.Null(reply.Desired);
        Assert.Equal(5, reply.TelemetryIntervalSeconds);
        Assert.Equal("site-9", device.GetProperty("site").GetString());
        Assert.Equal("canary", device.GetProperty("group").GetString());
        Assert.Equal("sim-gpu-8g", device.GetProperty("hardware").GetString());
        Assert.Equal("1.2.3", device.GetProperty("softwareVersion").GetString());
        Assert.Equal("online", device.GetProperty("state").GetString());
        Assert.Equal("healthy", device.GetProperty("health").GetString());
        Assert.Equal(61.5, device.GetProperty("telemetry").GetProperty("gpuTemperatureC").GetDouble());
        Assert.Equal(9.8, device.GetProperty("telemetry").GetProperty("latencyP99Ms").GetDouble());
        Assert.Equal(320, device.GetProperty("telemetry").GetProperty("confidenceHistogram")[9].GetInt64());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("telemetry").GetProperty("escalationRate").ValueKind);
        Assert.Equal(1, device.GetProperty("running").GetProperty("version").GetInt32());
        Assert.Contains(all.EnumerateArray(), d => d.GetProperty("id").GetString() == id);
        Assert.Equal(1, history.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Throttled_Telemetry_ShowsHealthThrottled(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();

        await fleet.RegisterAsync(id);
        using var call = await fleet.ConnectAsync(id);
        await call.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 91, throttled: true) });
        await FleetClient.CloseAsync(call);
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");

        Assert.Equal("throttled", device.GetProperty("health").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task DesiredState_IsPushedOnTheOpenStream_AndAppliedReportConverges(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(id);
        using var call = await fleet.ConnectAsync(id);
        var champion = await http.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge/aliases/champion");

        using var put = await http.PutAsJsonAsync($"/api/fleet/devices/{id}/desired", new
        {
            model = "fashion-edge",
            alias = "champion",
            rules = new[] { new { name = "hot-gpu", expression = "gpu_temperature_c > 85 -> cloud" } },
            actor = "alice",
            reason = "first deployment",
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        var pushed = call.ResponseStream.Current.Desired;
        await call.RequestStream.WriteAsync(new DeviceMessage
        {
            Report = new StateReport
            {
                Generation = pushed.Generation,
                Status = "applied",
                Model = new ModelInUse { Name = pushed.ModelName, Version = pushed.ModelVersion, Digest = pushed.Digest },
            },
        });
        await FleetClient.CloseAsync(call);
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");
        var audit = await http.GetFromJsonAsync<JsonElement>("/api/fleet/audit?count=1000");
        var reRegistered = await fleet.RegisterAsync(id);

        Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("fashion-edge", pushed.ModelName);
        Assert.Equal(champion.GetProperty("version").GetInt32(), pushed.ModelVersion);
        Assert.Equal(champion.GetProperty("digest").GetString(), pushed.Digest);
        Assert.Equal(champion.GetProperty("sizeBytes").GetInt64(), pushed.SizeBytes);
        Assert.Equal("gpu_temperature_c > 85 -> cloud", Assert.Single(pushed.Rules).Expression);
        Assert.True(device.GetProperty("converged").GetBoolean());
        Assert.Equal("applied", device.GetProperty("lastReport").GetProperty("status").GetString());
        Assert.Equal("champion", device.GetProperty("desired").GetProperty("requestedAlias").GetString());
        var entry = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("device").GetString() == id);
        Assert.Equal("operator", entry.GetProperty("actor").GetString());
        Assert.Equal("first deployment", entry.GetProperty("reason").GetString());
        Assert.Equal(pushed.Generation, reRegistered.Desired.Generation);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task DigestMismatchReport_ShowsHealthFailed_AndNotConverged(string store)
    {
        var registry = await host.FactoryAsync(store);
        using var http = registry.CreateClient();
        using var fleet = new FleetClient(registry);
        var id = FleetClient.NewDeviceId();
        await fleet.RegisterAsync(id);
        using var put = await http.PutAsJsonAsync($"/api/fleet/devices/{id}/desired", new { model = "fashion-edge", version = 1, actor = "alice" });
        var desired = await put.Content.ReadFromJsonAsync<JsonElement>();

        using var call = await fleet.ConnectAsync(id);
        await call.RequestStream.WriteAsync(new DeviceMessage
        {
            Report = new StateReport { Generation = desired.GetProperty("generation").GetInt64(), Status = "digest-mismatch", Detail = "got sha256:00" },
        });
        await FleetClient.CloseAsync(call);
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{id}");

        Assert.Equal("failed", device.GetProperty("health").GetString());
        Assert.False(device.GetProperty("converged").GetBoolean());
        Assert.Equal("got sha256:00", device.GetProperty("lastReport").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Connect_UnregisteredDevice_IsRefusedNotFound()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        using var call = await fleet.ConnectAsync("never-registered");

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("'never-registered' is not registered", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithoutHello_IsRefusedInvalidArgument()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        using var call = fleet.Client.Connect(FleetClient.Headers(FleetClient.NewDeviceId()));
        await call.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry() });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("hello", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc", "device_id '../etc' is invalid")]
    [InlineData("", "device_id '' is invalid")]
    public async Task Register_BadDeviceId_IsRefusedInvalidArgument(string id, string expected)
    {
        using var fleet = new FleetClient(await host.FactoryAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(id));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithoutSite_IsRefusedInvalidArgument()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(FleetClient.NewDeviceId(), site: ""));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("site is required", error.Status.Detail, StringComparison.Ordinal);
    }
}

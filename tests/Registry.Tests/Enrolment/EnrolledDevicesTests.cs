using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.Registry.Tests.Fleet;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Enrolment;

/// <summary>
/// Two devices enrolled with the bootstrap secret against a real registry on a real store: neither can register, stream
/// or report as the other, and revoking one ends its live stream and refuses its next connect while the other streams on.
/// </summary>
public sealed class EnrolledDevicesTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private async Task<(DeviceCredential A, DeviceCredential B)> EnrolTwoAsync()
    {
        using var client = (await host.FactoryAsync()).CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return (await TestEnrolment.EnrolAsync(client, FleetClient.NewDeviceId(), "site-1"), await TestEnrolment.EnrolAsync(client, FleetClient.NewDeviceId(), "site-2"));
    }

    [Fact]
    public async Task EnrolledDevices_RegisterAndStreamAsThemselves_ButNotAsEachOther()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        var (a, b) = await EnrolTwoAsync();
        await fleet.RegisterAsync(a.DeviceId, site: "site-1", token: a.Token);
        await fleet.RegisterAsync(b.DeviceId, site: "site-2", token: b.Token);

        var register = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(b.DeviceId, site: "site-1", token: a.Token));
        using var stream = await fleet.ConnectAsync(b.DeviceId, token: a.Token);
        try
        {
            await stream.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 99) });
        }
        catch (RpcException)
        {
            // Ended at the hello already; the status below says why.
        }

        var streamError = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None));
        // Its own credential, but another site than it enrolled at.
        var otherSite = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(a.DeviceId, site: "site-2", token: a.Token));

        Assert.Equal(StatusCode.PermissionDenied, register.StatusCode);
        Assert.Contains($"belongs to device '{a.DeviceId}', not '{b.DeviceId}'", register.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, streamError.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherSite.StatusCode);
        Assert.Contains("was enrolled at site 'site-1', not 'site-2'", otherSite.Status.Detail, StringComparison.Ordinal);
        using var http = (await host.FactoryAsync()).CreateClient();
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{b.DeviceId}");
        Assert.Equal("site-2", device.GetProperty("site").GetString());
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{b.DeviceId}/telemetry")).GetArrayLength());
    }

    [Fact]
    public async Task Revoke_EndsTheLiveStream_RefusesTheNextConnect_AndLeavesTheOtherDeviceStreaming()
    {
        var registry = await host.FactoryAsync();
        using var fleet = new FleetClient(registry);
        var (a, b) = await EnrolTwoAsync();
        await fleet.RegisterAsync(a.DeviceId, site: "site-1", token: a.Token);
        await fleet.RegisterAsync(b.DeviceId, site: "site-2", token: b.Token);
        using var streamA = await fleet.ConnectAsync(a.DeviceId, token: a.Token);
        using var streamB = await fleet.ConnectAsync(b.DeviceId, token: b.Token);
        await streamA.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 50) });
        using var operatorClient = registry.CreateClient();

        using var revoked = await operatorClient.DeleteAsync($"/api/fleet/devices/{a.DeviceId}/credential");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        // The stream's re-check runs every TestEnrolment.CheckMilliseconds; 10 s leaves room for a loaded machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await streamA.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("credential revoked", ended.Status.Detail, StringComparison.Ordinal);

        var reconnect = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(a.DeviceId, site: "site-1", token: a.Token));
        Assert.Equal(StatusCode.Unauthenticated, reconnect.StatusCode);
        using var device = registry.CreateClient().Authorize(a.Token);
        using var download = await device.GetAsync("/api/artifacts/sha256:" + new string('0', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, download.StatusCode);

        // B is untouched: its stream carries telemetry to the end.
        await streamB.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 42) });
        await FleetClient.CloseAsync(streamB);
        var telemetry = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{b.DeviceId}/telemetry");
        Assert.Equal(42, telemetry[0].GetProperty("gpuTemperatureC").GetDouble());
        await fleet.RegisterAsync(b.DeviceId, site: "site-2", token: b.Token);

        var audit = await operatorClient.GetFromJsonAsync<JsonElement>("/api/fleet/audit?count=50");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("device").GetString() == a.DeviceId
            && e.GetProperty("action").GetString() == "credential-revoked" && e.GetProperty("actor").GetString() == "operator");
    }

    [Fact]
    public async Task AfterRevocation_TheDeviceEnrolsAgain_AndOnlyItsNewCredentialWorks()
    {
        var registry = await host.FactoryAsync();
        using var fleet = new FleetClient(registry);
        var (a, _) = await EnrolTwoAsync();
        using var operatorClient = registry.CreateClient();
        (await operatorClient.DeleteAsync($"/api/fleet/devices/{a.DeviceId}/credential")).Dispose();
        using var anonymous = registry.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        var renewed = await TestEnrolment.EnrolAsync(anonymous, a.DeviceId, "site-1");

        Assert.NotEqual(a.CredentialId, renewed.CredentialId);
        await fleet.RegisterAsync(a.DeviceId, site: "site-1", token: renewed.Token);
        var old = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(a.DeviceId, site: "site-1", token: a.Token));
        Assert.Equal(StatusCode.Unauthenticated, old.StatusCode);
    }
}

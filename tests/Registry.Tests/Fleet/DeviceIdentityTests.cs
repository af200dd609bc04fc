using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.Contracts.Security;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>A device registers, streams and reports only as itself: two real enrolled devices against one registry.</summary>
public sealed class DeviceIdentityTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task Register_AsAnotherDevice_IsPermissionDenied_AndTheOtherDeviceIsUntouched()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        var (a, b) = (FleetClient.NewDeviceId(), FleetClient.NewDeviceId());
        await fleet.RegisterAsync(a, site: "site-1");
        await fleet.RegisterAsync(b, site: "site-2");

        // Device a's credential tries to move device b into a's site.
        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(b, site: "site-1", token: TestAuth.DeviceToken(a)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains($"belongs to device '{a}', not '{b}'", error.Status.Detail, StringComparison.Ordinal);
        using var http = (await host.FactoryAsync()).CreateClient();
        var device = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{b}");
        Assert.Equal("site-2", device.GetProperty("site").GetString());
    }

    [Fact]
    public async Task Stream_AsAnotherDevice_IsPermissionDenied_AndItsTelemetryIsNotRecorded()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        var (a, b) = (FleetClient.NewDeviceId(), FleetClient.NewDeviceId());
        await fleet.RegisterAsync(a);
        await fleet.RegisterAsync(b);

        using var call = await fleet.ConnectAsync(b, token: TestAuth.DeviceToken(a));
        try
        {
            await call.RequestStream.WriteAsync(new DeviceMessage { Telemetry = FleetClient.Telemetry(temperature: 99) });
        }
        catch (RpcException)
        {
            // The registry may have ended the call at the hello already; the status below says why.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        using var http = (await host.FactoryAsync()).CreateClient();
        var telemetry = await http.GetFromJsonAsync<JsonElement>($"/api/fleet/devices/{b}/telemetry");
        Assert.Equal(0, telemetry.GetArrayLength());
    }

    [Fact]
    public async Task Register_WithoutACredential_IsUnauthenticated()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.RegisterAsync(new RegisterRequest
        {
            Device = new DeviceInfo { DeviceId = FleetClient.NewDeviceId(), Site = "site-1" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Register_WithAnOperatorToken_IsPermissionDenied_ForTheStreamIsForDevicesOnly()
    {
        using var fleet = new FleetClient(await host.FactoryAsync());
        var id = FleetClient.NewDeviceId();

        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.RegisterAsync(id, token: TestAuth.Token(id, Scopes.All)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}

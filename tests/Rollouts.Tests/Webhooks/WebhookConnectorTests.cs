using System.Net;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Tests.Webhooks;

/// <summary>
/// The connect-time check on the addresses a name resolves to: a name that passed the start-time check (or was
/// never checked) and resolves to a refused address is refused before a socket connects, as DNS rebinding would try.
/// </summary>
public sealed class WebhookConnectorTests
{
    [Fact]
    public async Task ConnectAsync_ANameResolvingToLoopback_IsRefused_AndTheListenerSeesNoConnection()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");

        var refused = await Assert.ThrowsAsync<WebhookRefusedException>(async () =>
            await WebhookConnector.ConnectAsync(Destinations(), new DnsEndPoint("localhost", receiver.Port), CancellationToken.None));

        Assert.Contains("localhost resolved to an address that is refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task ConnectAsync_ALoopbackAddressAllowListed_Connects()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");

        await using (await WebhookConnector.ConnectAsync(Destinations(networks: ["127.0.0.0/8"]), new DnsEndPoint("127.0.0.1", receiver.Port), CancellationToken.None))
        {
            await WaitForAsync(() => receiver.Connections == 1);
        }
    }

    [Fact]
    public async Task ConnectAsync_ANameAllowListed_ConnectsWhereverItResolves()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");

        await using (await WebhookConnector.ConnectAsync(Destinations(hosts: ["localhost"]), new DnsEndPoint("localhost", receiver.Port), CancellationToken.None))
        {
            await WaitForAsync(() => receiver.Connections == 1);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private static WebhookDestinations Destinations(string[]? hosts = null, string[]? networks = null) =>
        new(Options.Create(new WebhookOptions { AllowedHosts = [.. hosts ?? []], AllowedNetworks = [.. networks ?? []] }));
}

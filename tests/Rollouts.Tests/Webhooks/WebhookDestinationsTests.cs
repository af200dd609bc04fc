using System.Net;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Tests.Webhooks;

public sealed class WebhookDestinationsTests
{
    public static TheoryData<string, string> RefusedUrls() => new()
    {
        { "http://127.0.0.1/hook", "loopback" },
        { "http://127.8.9.10:8080/hook", "loopback" },
        { "http://[::1]/hook", "loopback" },
        { "http://169.254.169.254/latest/meta-data", "link-local" },
        { "http://[fe80::1]/hook", "link-local" },
        { "http://10.1.2.3/hook", "private (10.0.0.0/8)" },
        { "http://172.16.0.1/hook", "private (172.16.0.0/12)" },
        { "http://172.31.255.255/hook", "private (172.16.0.0/12)" },
        { "http://192.168.1.1/hook", "private (192.168.0.0/16)" },
        { "http://[fc00::1]/hook", "unique local" },
        { "http://[fd12:3456::1]/hook", "unique local" },
        { "http://100.64.0.1/hook", "carrier-grade NAT" },
        { "http://100.127.255.254/hook", "carrier-grade NAT" },
        { "http://0.0.0.0/hook", "unspecified" },
        { "http://0.1.2.3/hook", "0.0.0.0/8" },
        { "http://[::]/hook", "unspecified" },
        { "http://224.0.0.1/hook", "multicast" },
        { "http://[ff02::1]/hook", "multicast" },
        { "http://255.255.255.255/hook", "broadcast" },
        { "http://[::ffff:127.0.0.1]/hook", "loopback" },
        { "http://[::ffff:10.0.0.1]/hook", "private (10.0.0.0/8)" },
        { "http://[::ffff:169.254.169.254]/hook", "link-local" },
        { "http://2130706433/hook", "loopback" },
        { "http://0x7f.1/hook", "loopback" },
        { "http://registry/hook", "single-label" },
        { "http://registry./hook", "single-label" },
        { "http://localhost:5000/hook", "single-label" },
        { "http://hooks.localhost/hook", "loopback name" },
        { "https+http://registry/hook", "service-discovery" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public void Refuse_AnInternalDestination_SaysWhy(string url, string why)
    {
        var reason = Destinations().Refuse(new Uri(url));

        Assert.NotNull(reason);
        Assert.Contains(why, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/rollout")]
    [InlineData("http://93.184.215.14/hook")]
    [InlineData("http://172.32.0.1/hook")]
    [InlineData("http://100.128.0.1/hook")]
    [InlineData("http://[2001:db8::1]/hook")]
    public void Refuse_APublicDestination_IsNull(string url) => Assert.Null(Destinations().Refuse(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://10.20.3.4/hook")]
    [InlineData("http://[fd00::5]/hook")]
    [InlineData("http://ci-gate/hook")]
    [InlineData("http://CI-GATE./hook")]
    public void Refuse_AnAllowListedDestination_IsNull(string url) =>
        Assert.Null(Destinations(hosts: ["ci-gate"], networks: ["127.0.0.1/32", "10.20.0.0/16", "fd00::/64"]).Refuse(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.2/hook")]
    [InlineData("http://10.21.0.1/hook")]
    [InlineData("http://other-gate/hook")]
    public void Refuse_NextToAnAllowListedDestination_StillRefuses(string url) =>
        Assert.NotNull(Destinations(hosts: ["ci-gate"], networks: ["127.0.0.1/32", "10.20.0.0/16"]).Refuse(new Uri(url)));

    [Fact]
    public void Refuse_AnAddress_JudgesAnIPv4MappedAddressAsItsIPv4One() =>
        Assert.Contains("private", Destinations().Refuse(IPAddress.Parse("::ffff:192.168.0.10")), StringComparison.Ordinal);

    private static WebhookDestinations Destinations(string[]? hosts = null, string[]? networks = null) =>
        new(Options.Create(new WebhookOptions { AllowedHosts = [.. hosts ?? []], AllowedNetworks = [.. networks ?? []] }));
}

using System.Net;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// The networks a webhook may not reach unless allow-listed: everything that is not the public internet, where a
/// caller outside the cluster could otherwise make the registry talk to its neighbours (the store, the router's
/// admin API, a cloud metadata service on 169.254.169.254). An IPv4-mapped IPv6 address is judged as its IPv4 one.
/// </summary>
public static class RefusedNetworks
{
    private static readonly (IPNetwork Network, string Kind)[] Table =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "in 0.0.0.0/8 ('this network', unspecified)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (100.64.0.0/10, carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast (240.0.0.0/4)"),
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (fc00::/7)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    /// <summary>What kind of refused address <paramref name="address"/> is, or null for a public one.</summary>
    public static string? Kind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged = Normalize(address);
        foreach (var (network, kind) in Table)
        {
            if (network.Contains(judged))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>An IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) as the IPv4 address it reaches; any other as it is.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

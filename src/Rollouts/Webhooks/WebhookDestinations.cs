using System.Net;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// Which webhook destinations may be called: a URL is judged when a rollout starts (its host, when it is an address
/// or a single-label name) and each address is judged again when the call connects (<see cref="WebhookConnector"/>),
/// so a name that resolves to a public address at start and to a private one later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookDestinations
{
    private readonly HashSet<string> _hosts;
    private readonly IPNetwork[] _networks;

    public WebhookDestinations(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hosts = new(options.Value.AllowedHosts.Select(h => h.TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        _networks = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n))];
    }

    /// <summary>Whether <paramref name="host"/> is allow-listed by name, so any address it resolves to is called.</summary>
    public bool AllowsHost(string host) => _hosts.Contains(host.TrimEnd('.'));

    /// <summary>Why <paramref name="address"/> may not be called, or null when it may.</summary>
    public string? Refuse(IPAddress address)
    {
        var judged = RefusedNetworks.Normalize(address);
        if (_networks.Any(n => n.Contains(judged) || n.Contains(address)))
        {
            return null;
        }

        return RefusedNetworks.Kind(judged) is { } kind ? $"{address} is {kind}" : null;
    }

    /// <summary>
    /// Why the webhook URL <paramref name="url"/> may not be called, judged without resolving it: an address that is
    /// refused, or a single-label name (<c>http://registry</c>), which only service discovery or a cluster's DNS
    /// search path turns into an address, inside the cluster. Null when it may (its addresses are judged at connect).
    /// </summary>
    public string? Refuse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return $"the scheme '{url.Scheme}' is not http or https (service-discovery schemes such as https+http are refused)";
        }

        var host = url.IdnHost;
        if (IPAddress.TryParse(host, out var address))
        {
            return Refuse(address);
        }

        if (AllowsHost(host))
        {
            return null;
        }

        var name = host.TrimEnd('.');
        if (!name.Contains('.', StringComparison.Ordinal))
        {
            return $"'{host}' is a single-label name (a service-discovery or cluster-internal name)";
        }

        return name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? $"'{host}' is a loopback name (*.localhost)" : null;
    }
}

using Microsoft.Extensions.Configuration;

namespace HybridInference.Faults.Outbound;

/// <summary>
/// Names the service a request goes to. Clients call either a logical name that service discovery resolves
/// (<c>http://cloud-inference</c>) or an address the AppHost injected as <c>services:{name}:{endpoint}:{i}</c>
/// (the router's edge nodes, an edge node's registry); both must match a fault on <c>edge-1</c> or
/// <c>registry</c>, so the injected addresses are mapped back to their names.
/// </summary>
public sealed class DestinationNames
{
    private readonly Dictionary<string, string> _byAuthority = new(StringComparer.OrdinalIgnoreCase);

    public DestinationNames(IConfiguration configuration)
    {
        foreach (var service in configuration.GetSection("services").GetChildren())
        {
            foreach (var endpoint in service.GetChildren())
            {
                foreach (var address in endpoint.GetChildren())
                {
                    if (Uri.TryCreate(address.Value, UriKind.Absolute, out var uri))
                    {
                        _byAuthority.TryAdd(uri.Authority, service.Key);
                    }
                }
            }
        }
    }

    /// <summary>The service name for a request URI: an injected address's service, else the host name.</summary>
    public string Resolve(Uri? uri) =>
        uri is null ? "" : _byAuthority.TryGetValue(uri.Authority, out var name) ? name : uri.Host;
}

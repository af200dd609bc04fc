using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// The webhook client's transport: it resolves the host itself and connects only when no resolved address is
/// refused by <see cref="WebhookDestinations"/>, so the address checked is the address connected to. No proxy
/// (it would be the one connected to), no redirects (a 3xx is the hook's answer, a failed call).
/// </summary>
public static class WebhookConnector
{
    /// <summary>A handler that connects through <see cref="ConnectAsync"/>.</summary>
    public static SocketsHttpHandler CreateHandler(WebhookDestinations destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(destinations, context.DnsEndPoint, cancellationToken),
        };
    }

    /// <summary>Resolves <paramref name="endPoint"/>, refuses it when any of its addresses is refused, else connects.</summary>
    public static async ValueTask<Stream> ConnectAsync(WebhookDestinations destinations, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(endPoint);
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (!destinations.AllowsHost(endPoint.Host))
        {
            // All or nothing: a name that resolves to a public and a private address is not trusted with either.
            foreach (var address in addresses)
            {
                if (destinations.Refuse(address) is { } reason)
                {
                    throw new WebhookRefusedException(literal is null ? $"is refused: {endPoint.Host} resolved to an address that is refused: {reason}" : $"is refused: {reason}");
                }
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace HybridInference.TestSupport;

/// <summary>
/// A loopback port that nothing answers on and nothing else can take while this lives: bound, never
/// listening, so connections are refused. A port that is merely free can be taken by a server another
/// test starts in parallel, which would make a "store down" test talk to someone else's store.
/// </summary>
public sealed class ReservedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ReservedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Frees the port, e.g. to start the store on it.</summary>
    public void Dispose() => _socket.Dispose();
}

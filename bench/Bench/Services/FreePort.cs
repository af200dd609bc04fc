using System.Net;
using System.Net.Sockets;

namespace HybridInference.Bench.Services;

/// <summary>Ports the kernel hands out as free, so that runs by several engineers on one machine do not collide.</summary>
public static class FreePort
{
    /// <summary><paramref name="count"/> distinct free ports: all listeners are held open until the last is taken, so none repeats.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HybridInference.Rollouts.Tests.Webhooks;

/// <summary>
/// A real TCP listener on 127.0.0.1 that counts every connection it accepts and answers each request with one fixed
/// raw HTTP response, then closes: a receiver that must see nothing proves a call was stopped before the socket.
/// </summary>
public sealed class RawHttpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly byte[] _response;
    private int _connections;

    public RawHttpReceiver(string head, byte[]? body = null)
    {
        _response = [.. Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n\r\n"), .. body ?? []];
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A 200 with <paramref name="body"/>, its length declared.</summary>
    public static RawHttpReceiver Ok(string body) =>
        new($"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\nConnection: close", Encoding.UTF8.GetBytes(body));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var seen = new List<byte>();
            var buffer = new byte[4096];
            try
            {
                // The request's head, then its declared body, before answering, so the client is never cut off mid-send.
                while (!HeadEnd(seen, out _))
                {
                    var n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    seen.AddRange(buffer.AsSpan(0, n));
                }

                HeadEnd(seen, out var end);
                var head = Encoding.ASCII.GetString([.. seen.Take(end)]);
                var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                var remaining = length - (seen.Count - end);
                while (remaining > 0)
                {
                    var n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    remaining -= n;
                }

                await stream.WriteAsync(_response, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up reading (as it must with an oversize answer): nothing more to do.
            }
        }
    }

    private static bool HeadEnd(List<byte> seen, out int end)
    {
        for (var i = 3; i < seen.Count; i++)
        {
            if (seen[i - 3] == '\r' && seen[i - 2] == '\n' && seen[i - 1] == '\r' && seen[i] == '\n')
            {
                end = i + 1;
                return true;
            }
        }

        end = 0;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

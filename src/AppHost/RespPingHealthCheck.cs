using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.AppHost;

/// <summary>
/// Health of the embedded Garnet process: <c>AUTH</c> with the run's password, then a RESP <c>PING</c> that must be
/// answered <c>+PONG</c>. A TCP connect alone would pass while Garnet is still recovering its log.
/// </summary>
internal sealed class RespPingHealthCheck(EndpointReference endpoint, string password) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("Garnet endpoint not allocated yet");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var stream = client.GetStream();
            // As RESP arrays: Garnet answers an inline AUTH with NOAUTH (only PING works inline before authentication).
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n"), timeout.Token);
            var reply = await ReadRepliesAsync(stream, 2, timeout.Token);
            return reply.Contains("+PONG", StringComparison.Ordinal) && reply.StartsWith("+OK", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy($"PONG from {endpoint.Host}:{endpoint.Port}")
                : HealthCheckResult.Unhealthy($"Unexpected reply to PING from {endpoint.Host}:{endpoint.Port}: '{reply.Trim()}'");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Garnet at {endpoint.Host}:{endpoint.Port} did not answer PING: {ex.Message}");
        }
    }

    // Both answers may come in one read or two.
    private static async Task<string> ReadRepliesAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[64];
        while (text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length < count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}

using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.AppHost;

/// <summary>
/// Health of the embedded Garnet process: a RESP <c>PING</c> that must be answered <c>+PONG</c>. A TCP
/// connect alone would pass while Garnet is still recovering its log.
/// </summary>
internal sealed class RespPingHealthCheck(EndpointReference endpoint) : IHealthCheck
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
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy($"PONG from {endpoint.Host}:{endpoint.Port}")
                : HealthCheckResult.Unhealthy($"Unexpected reply to PING from {endpoint.Host}:{endpoint.Port}: '{reply.Trim()}'");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Garnet at {endpoint.Host}:{endpoint.Port} did not answer PING: {ex.Message}");
        }
    }
}

using HybridInference.Contracts.Device;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Edges;

/// <summary>
/// Reads every edge node's <c>GET /device</c> each poll interval, so the health rules (GPU temperature,
/// throttling) act on fresh values. A node that does not answer keeps its last report, which ages out
/// after <c>Routing:HealthMaxAgeSeconds</c>, and is taken out of rotation at once (for a few seconds, again at
/// each failed read): a node that died or hangs must not wait for YARP's active checks (two failures two
/// seconds apart), since the hedged calls to it are cancelled when another node answers and never count as failed.
/// </summary>
public sealed partial class EdgeHealthMonitor(
    EdgeDirectory directory,
    EdgeSelector selector,
    IHttpClientFactory clients,
    IOptions<EdgeNodesOptions> options,
    TimeProvider time,
    ILogger<EdgeHealthMonitor> logger) : BackgroundService
{
    public const string ClientName = "edge-probe";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _failing = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.HealthPollMs), time);
        do
        {
            await Task.WhenAll(directory.Nodes.Values.Select(node => PollAsync(node, stoppingToken)));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads one node's device state; public so tests and the start-up path can poll at once.</summary>
    public async Task PollAsync(EdgeNode node, CancellationToken cancellationToken)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);

            // Over the transport inference uses, so that a node whose HTTP/2 endpoint stops answering leaves rotation.
            // It does not warm the inference calls' connection (another client, another pool): LatencyWindow leaves those
            // cold first calls out of the node's p95 instead.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.InferAddress, "/device"))
            {
                Version = node.InferVersion,
                VersionPolicy = node.InferVersion == System.Net.HttpVersion.Version20 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
            };
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var report = await response.Content.ReadFromJsonAsync(DeviceJsonContext.Default.DeviceHealth, cancellationToken)
                ?? throw new JsonException("an empty device report");
            node.Report(new DeviceReport(report.DeviceId ?? node.Name, report.Site ?? "unknown", report.GpuTemperatureCelsius, report.Throttled, report.UpdatedAt));
            if (_failing.TryRemove(node.Name, out _))
            {
                // Back in rotation, perhaps as a new process: its first calls are cold again, and the old samples are not its.
                node.Latency.Reset();
                LogRecovered(node.Name);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever a node does (refuses, hangs, answers garbage), the monitor must keep polling the
            // others: a background service that throws stops the whole router.
            selector.ReportFailure(node);
            if (_failing.TryAdd(node.Name, true))
            {
                LogFailed(node.Name, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Edge node {Node}: device health unreadable ({Reason}); out of rotation, its last report ages out")]
    private partial void LogFailed(string node, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Edge node {Node}: device health readable again")]
    private partial void LogRecovered(string node);
}

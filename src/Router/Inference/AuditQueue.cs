using System.Threading.Channels;
using HybridInference.Router.Routing;
using HybridInference.Router.Tiers;

namespace HybridInference.Router.Inference;

/// <summary>
/// Sends the sampled confident edge answers to the cloud off the request's critical path, then logs them
/// with both answers, so edge accuracy is measured continuously. Bounded: when the cloud cannot keep up,
/// audits are skipped (the rows are still logged), never the answers.
/// </summary>
public sealed partial class AuditQueue(
    HybridInferenceService service,
    PredictionRecorder recorder,
    IRoutingTable routing,
    ILogger<AuditQueue> logger) : BackgroundService
{
    private readonly Channel<HybridAnswer> _queue = Channel.CreateBounded<HybridAnswer>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(HybridAnswer answer)
    {
        if (!_queue.Writer.TryWrite(answer))
        {
            LogSkipped(answer.Request.RequestId);
            foreach (var row in AuditedRows(answer))
            {
                recorder.RecordAudited(answer, row, null, 0);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var answer in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var rows = AuditedRows(answer);
            TierAnswer? cloud = null;
            try
            {
                if (routing.Current.Models.TryGetValue(answer.Request.Model, out var route))
                {
                    cloud = await service.AuditAsync(route, RequestSlicer.Rows(answer.Request.Body, answer.Request.Rows, rows), stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // An audit is a measurement: whatever goes wrong with one, the rows are still logged and
                // the queue keeps running (a background service that throws stops the router).
                LogFailed(answer.Request.RequestId, ex.Message);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                recorder.RecordAudited(answer, rows[i], cloud, i);
            }
        }
    }

    private static List<int> AuditedRows(HybridAnswer answer) =>
        Enumerable.Range(0, answer.Rows.Count).Where(row => answer.Rows[row].Audit).ToList();

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Audit of request {RequestId} skipped: the audit queue is full")]
    private partial void LogSkipped(string requestId);

    [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "Audit of request {RequestId} failed: {Reason}")]
    private partial void LogFailed(string requestId, string reason);
}

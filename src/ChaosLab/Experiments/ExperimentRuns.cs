using System.Collections.Concurrent;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The runs of this ChaosLab process, kept in memory (the report is the record; the last 100 are kept).
/// One run at a time: two experiments' faults and traffic would spoil each other's measurements.
/// </summary>
public sealed partial class ExperimentRuns(ExperimentRunner runner, IHostApplicationLifetime lifetime, ILogger<ExperimentRuns> logger)
{
    private const int Kept = 100;
    private readonly ConcurrentDictionary<string, ExperimentReport> _reports = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly Lock _gate = new();
    private string? _running;

    /// <summary>Starts <paramref name="experiment"/> in the background; false (and the running id) when another run is still going.</summary>
    public bool TryStart(Experiment experiment, out string runId)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                runId = _running;
                return false;
            }

            runId = "r-" + Guid.NewGuid().ToString("N")[..8];
            _running = runId;
        }

        var id = runId;
        _reports[id] = new ExperimentReport { Id = id, Experiment = experiment.Name, Description = experiment.Description, Status = RunStatus.Running, StartedAt = DateTimeOffset.UtcNow };
        _order.Enqueue(id);
        while (_order.Count > Kept && _order.TryDequeue(out var old))
        {
            _reports.TryRemove(old, out _);
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(id, experiment, report => _reports[id] = report, lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                // A run that throws must still end with a report, or its caller would poll 'running' for ever.
                LogRunFailed(logger, ex, id);
                _reports[id] = _reports[id] with { Status = RunStatus.Error, StopReason = ex.Message, EndedAt = DateTimeOffset.UtcNow };
            }
            finally
            {
                lock (_gate)
                {
                    _running = null;
                }
            }
        });
        return true;
    }

    public ExperimentReport? Get(string runId) => _reports.GetValueOrDefault(runId);

    public IReadOnlyList<ExperimentReport> All() => [.. _reports.Values.OrderByDescending(r => r.StartedAt)];

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Experiment run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string runId);
}

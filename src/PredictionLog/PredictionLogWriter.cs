using System.Diagnostics.Metrics;
using HybridInference.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.PredictionLog;

/// <summary>
/// Moves records from the logger's memory queue to the store in pipelined batches, and tells the journal which of
/// its records are stored. Journal files holding records that never went through memory (the queue was full, or
/// they are from an earlier process) are replayed from disk first. While the store is away the batch in hand is
/// retried and everything else waits in the journal, so memory stays bounded by the queue. Writes are idempotent by
/// request id, so a batch retried after a timeout (that may have landed) or a file replayed after a crash is never
/// duplicated: none lost, none doubled.
/// </summary>
public sealed partial class PredictionLogWriter(
    PredictionLogger logger,
    PredictionJournal journal,
    PredictionStore store,
    IOptions<PredictionLogOptions> options,
    TimeProvider time,
    ILogger<PredictionLogWriter> log) : BackgroundService
{
    private static readonly TimeSpan Housekeeping = TimeSpan.FromSeconds(1);
    private static readonly Counter<long> Written = Telemetry.Meter.CreateCounter<long>("hi.predictions.written", description: "Prediction records stored");
    private static readonly Counter<long> Replayed = Telemetry.Meter.CreateCounter<long>("hi.predictions.replayed", description: "Prediction records read back from the journal on disk and stored");
    private static readonly Counter<long> Quarantined = Telemetry.Meter.CreateCounter<long>("hi.predictions.quarantined", description: "Journal lines moved aside because they are unreadable or of an unknown schema");
    private static readonly Counter<long> Conflicts = Telemetry.Meter.CreateCounter<long>("hi.predictions.id_conflicts", description: "Records whose request id was already stored with other content");

    private readonly List<LoggedRecord> _batch = [];
    private readonly PredictionLogOptions _options = options.Value;
    private bool _storeDown;
    private DateTimeOffset _nextTrim = DateTimeOffset.MinValue;

    /// <summary>Records taken from the queue and not yet stored (at most one batch).</summary>
    public int Pending => Volatile.Read(ref _pendingCount);

    private int _pendingCount;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var flushing = FlushLoopAsync(stoppingToken);
        var reader = logger.Reader;
        try
        {
            while (true)
            {
                if (_batch.Count == 0 && journal.ReplayDue().Count == 0)
                {
                    journal.SealIfIdle();
                    if (journal.ReplayDue().Count == 0 && !await WaitForRecordsAsync(stoppingToken))
                    {
                        if (reader.Completion.IsCompleted)
                        {
                            return;
                        }

                        continue;
                    }
                }

                try
                {
                    await ReplayJournalAsync();
                    await WriteBatchAsync();
                    await TrimIfDueAsync();
                    if (_storeDown)
                    {
                        _storeDown = false;
                        LogStoreBack();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A journal file cannot be read (permissions, a failing disk): retry later rather than stop the
                    // process that hosts the log; the file stays.
                    LogJournalFailed(journal.Location, ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(_options.RetryDelayMs), time, stoppingToken);
                }
                catch (Exception ex) when (ex is not (IOException or UnauthorizedAccessException or OperationCanceledException))
                {
                    // Any failure to write counts as the store being away (the client can also throw, e.g.,
                    // ObjectDisposedException while it reconnects): the records are kept, never dropped.
                    if (!_storeDown)
                    {
                        _storeDown = true;
                        LogStoreDown(ex.Message);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(_options.RetryDelayMs), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is written below, or stays in the journal for the next start.
        }
        finally
        {
            await DrainOnStopAsync();
            await flushing;
        }
    }

    /// <summary>
    /// Drains again after the background loop ended: a host stopped right after starting cancels the loop
    /// before it ever runs (BackgroundService starts it with the stopping token), and the records handed
    /// over meanwhile must still reach the store or the journal.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DrainOnStopAsync();
    }

    /// <summary>True when records are queued; false after a housekeeping interval without any (or when the queue closed).</summary>
    private async Task<bool> WaitForRecordsAsync(CancellationToken stoppingToken)
    {
        var reader = logger.Reader;
        using (var timeout = new CancellationTokenSource(Housekeeping, time))
        using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token))
        {
            try
            {
                if (!await reader.WaitToReadAsync(wake.Token))
                {
                    return false;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return false;
            }
        }

        if (_options.FlushIntervalMs > 0 && reader.Count < _options.BatchSize)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.FlushIntervalMs), time, stoppingToken);
        }

        return true;
    }

    private async Task WriteBatchAsync()
    {
        while (true)
        {
            while (_batch.Count < _options.BatchSize && logger.Reader.TryRead(out var item))
            {
                _batch.Add(item);
            }

            Volatile.Write(ref _pendingCount, _batch.Count);
            if (_batch.Count == 0)
            {
                return;
            }

            await WriteAsync(_batch.Select(r => r.Record).ToList());
            foreach (var group in _batch.Where(r => r.Segment is not null).GroupBy(r => r.Segment!))
            {
                journal.MarkStored(group.Key, group.Count());
            }

            Written.Add(_batch.Count);
            _batch.Clear();
            Volatile.Write(ref _pendingCount, 0);
            if (logger.Reader.Count < _options.BatchSize)
            {
                return;
            }
        }
    }

    private async Task ReplayJournalAsync()
    {
        foreach (var segment in journal.ReplayDue())
        {
            var replay = new JournalReplay(segment.Path, journal.QuarantineLocation);
            var count = 0;
            foreach (var batch in replay.Batches(_options.BatchSize))
            {
                await WriteAsync(batch);
                count += batch.Count;
            }

            journal.Replayed(segment);
            Replayed.Add(count);
            LogReplayed(count, segment.Path);
            foreach (var (reason, lines) in replay.Quarantined)
            {
                Quarantined.Add(lines, new KeyValuePair<string, object?>("reason", reason));
                LogQuarantined(lines, reason, replay.QuarantineFile);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<PredictionRecord> batch)
    {
        var (_, conflicts) = await store.WriteAsync(batch);
        if (conflicts > 0)
        {
            Conflicts.Add(conflicts);
            LogConflicts(conflicts);
        }
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        if (_options.FsyncIntervalMs == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.FsyncIntervalMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                journal.FlushToDisk();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the journal flushes as it is disposed.
        }
    }

    private async Task TrimIfDueAsync()
    {
        var now = time.GetUtcNow();
        if (now < _nextTrim)
        {
            return;
        }

        _nextTrim = now.AddMinutes(10);
        await store.TrimAsync(now.AddHours(-_options.RetentionHours));
    }

    private async Task DrainOnStopAsync()
    {
        logger.Complete();
        try
        {
            // Each command is bounded by Store:CommandTimeoutMs, so a dead store fails this quickly.
            await WriteBatchAsync();
        }
        catch (Exception)
        {
            // Whatever stopped the write (the store away, the client shutting down), the journal keeps the rest
            // for the next start.
        }

        var unjournaled = _batch.Where(r => r.Segment is null).Select(r => r.Record).ToList();
        foreach (var item in _batch.Where(r => r.Segment is not null))
        {
            journal.MarkNeedsReplay(item.Segment!);
        }

        while (logger.Reader.TryRead(out var item))
        {
            if (item.Segment is null)
            {
                unjournaled.Add(item.Record);
            }
            else
            {
                journal.MarkNeedsReplay(item.Segment);
            }
        }

        _batch.Clear();
        try
        {
            journal.Preserve(unjournaled);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogLostAtStop(unjournaled.Count, journal.Location, ex.Message);
        }

        journal.FlushToDisk();
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Prediction log: store unreachable ({Reason}); records wait in the journal on disk")]
    private partial void LogStoreDown(string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Prediction log: store reachable again; journaled records written")]
    private partial void LogStoreBack();

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Prediction log: replayed {Count} journaled records from {File}")]
    private partial void LogReplayed(int count, string file);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Prediction log: {Count} record(s) reused a stored request id with different content; the first record is kept")]
    private partial void LogConflicts(int count);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Prediction log: the journal directory {Directory} failed ({Reason}); the file stays and is read again")]
    private partial void LogJournalFailed(string directory, string reason);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Prediction log: {Count} journal line(s) moved aside as {Reason} to {File}; the rest of the file was stored")]
    private partial void LogQuarantined(int count, string reason, string file);

    [LoggerMessage(EventId = 309, Level = LogLevel.Critical, Message = "Prediction log: {Count} record(s) the journal had refused could not be written to {Directory} at stop either ({Reason}); they are lost")]
    private partial void LogLostAtStop(int count, string directory, string reason);
}

using System.Diagnostics.Metrics;
using HybridInference.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.PredictionLog;

/// <summary>
/// Moves records from the logger to the store in pipelined batches. While the store is unreachable it keeps
/// up to <see cref="PredictionLogOptions.MemoryBufferRecords"/> in memory and spills the rest to the spool;
/// when the store returns it replays the spool, then carries on. Writes are idempotent by request id, so a
/// batch retried after a timeout (that may have landed) is never duplicated: none lost, none doubled.
/// </summary>
public sealed partial class PredictionLogWriter(
    PredictionLogger logger,
    PredictionStore store,
    PredictionSpool spool,
    IOptions<PredictionLogOptions> options,
    TimeProvider time,
    ILogger<PredictionLogWriter> log) : BackgroundService
{
    private static readonly Counter<long> Written = Telemetry.Meter.CreateCounter<long>("hi.predictions.written", description: "Prediction records stored");
    private static readonly Counter<long> Spilled = Telemetry.Meter.CreateCounter<long>("hi.predictions.spilled", description: "Prediction records spilled to disk while the store was unreachable");
    private static readonly Counter<long> Conflicts = Telemetry.Meter.CreateCounter<long>("hi.predictions.id_conflicts", description: "Records whose request id was already stored with other content");

    private readonly List<PredictionRecord> _pending = [];
    private readonly PredictionLogOptions _options = options.Value;
    private bool _storeDown;
    private DateTimeOffset _nextTrim = DateTimeOffset.MinValue;

    /// <summary>Records held in memory waiting for the store.</summary>
    public int Pending => Volatile.Read(ref _pendingCount);

    private int _pendingCount;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = logger.Reader;
        try
        {
            while (true)
            {
                if (_pending.Count == 0 && !spool.HasFiles)
                {
                    if (!await reader.WaitToReadAsync(stoppingToken))
                    {
                        return;
                    }

                    if (_options.FlushIntervalMs > 0 && reader.CanCount && reader.Count < _options.BatchSize)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(_options.FlushIntervalMs), time, stoppingToken);
                    }
                }

                while (_pending.Count < _options.MemoryBufferRecords && reader.TryRead(out var record))
                {
                    _pending.Add(record);
                }

                Volatile.Write(ref _pendingCount, _pending.Count);
                try
                {
                    await ReplaySpoolAsync(stoppingToken);
                    await FlushPendingAsync();
                    await TrimIfDueAsync();
                    if (_storeDown)
                    {
                        _storeDown = false;
                        LogStoreBack();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The spool is unwritable (disk full, permissions): keep the records in memory and
                    // retry, rather than stop the process that hosts the log.
                    LogSpoolFailed(spool.Location, ex.Message);
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

                    if (_pending.Count >= _options.MemoryBufferRecords)
                    {
                        await SpillPendingAsync(stoppingToken);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(_options.RetryDelayMs), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is written below.
        }
        finally
        {
            await DrainOnStopAsync();
        }
    }

    /// <summary>
    /// Drains again after the background loop ended: a host stopped right after starting cancels the loop
    /// before it ever runs (BackgroundService starts it with the stopping token), and the records handed
    /// over meanwhile must still reach the store or the spool.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DrainOnStopAsync();
    }

    private async Task FlushPendingAsync()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending.Take(_options.BatchSize).ToList();
            await WriteAsync(batch);
            _pending.RemoveRange(0, batch.Count);
            Volatile.Write(ref _pendingCount, _pending.Count);
        }
    }

    private async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        foreach (var file in spool.Files().ToList())
        {
            var records = await PredictionSpool.ReadAsync(file, cancellationToken);
            foreach (var batch in records.Chunk(_options.BatchSize))
            {
                await WriteAsync(batch);
            }

            File.Delete(file);
            LogReplayed(records.Count, file);
        }
    }

    private async Task WriteAsync(IReadOnlyList<PredictionRecord> batch)
    {
        var (written, conflicts) = await store.WriteAsync(batch);
        Written.Add(written);
        if (conflicts > 0)
        {
            Conflicts.Add(conflicts);
            LogConflicts(conflicts);
        }
    }

    private async Task SpillPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        await spool.WriteAsync(_pending, cancellationToken);
        Spilled.Add(_pending.Count);
        LogSpilled(_pending.Count, spool.Location);
        _pending.Clear();
        Volatile.Write(ref _pendingCount, 0);
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
        while (logger.Reader.TryRead(out var record))
        {
            _pending.Add(record);
        }

        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            // Each command is bounded by Store:CommandTimeoutMs, so a dead store fails this quickly.
            await FlushPendingAsync();
        }
        catch (Exception)
        {
            // Whatever stopped the write (the store away, the client shutting down), the rest goes to disk
            // for the next start: a record is never dropped at shutdown.
        }

        await SpillPendingAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Prediction log: store unreachable ({Reason}); buffering records in memory, then on disk")]
    private partial void LogStoreDown(string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Prediction log: store reachable again; buffered records written")]
    private partial void LogStoreBack();

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Prediction log: spilled {Count} records to {Directory}")]
    private partial void LogSpilled(int count, string directory);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Prediction log: replayed {Count} spooled records from {File}")]
    private partial void LogReplayed(int count, string file);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Prediction log: the spool directory {Directory} failed ({Reason}); records stay in memory and the write is retried")]
    private partial void LogSpoolFailed(string directory, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Prediction log: {Count} record(s) reused a stored request id with different content; the first record is kept")]
    private partial void LogConflicts(int count);
}

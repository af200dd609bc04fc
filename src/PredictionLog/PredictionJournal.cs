using System.Diagnostics.Metrics;
using System.Text.Json;
using HybridInference.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace HybridInference.PredictionLog;

/// <summary>
/// The log's write-ahead journal: every record is appended to a local file (one <c>write</c> call, no user-space
/// buffer) before <see cref="PredictionLogger.Log"/> returns, so once a request is answered its record survives a
/// crash of the process (SIGKILL included: the kernel holds the written bytes); <see cref="FlushToDisk"/> bounds what
/// a crash of the machine can lose. Files rotate at <see cref="PredictionLogOptions.SegmentBytes"/> and are deleted once
/// every record in them is stored; a file with records that never went through memory (the queue was full, or it is
/// from an earlier process) is replayed from disk first. The journal's size is capped by
/// <see cref="PredictionLogOptions.MaxSpoolBytes"/>; past it, or when the disk fails, records are kept in memory only
/// and counted, never silently dropped.
/// </summary>
public sealed partial class PredictionJournal : IDisposable
{
    private const string Extension = ".jsonl";
    private static readonly TimeSpan IdleSealAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);
    private static readonly Counter<long> Refused = Telemetry.Meter.CreateCounter<long>(
        "hi.predictions.journal.refused", description: "Records the journal could not take (disk failed, or its size cap was reached); they are kept in memory only");

    private readonly Lock _gate = new();
    private readonly List<JournalSegment> _segments = [];
    private readonly List<SafeFileHandle> _closing = [];
    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger<PredictionJournal> _logger;
    private JournalSegment? _active;
    private long _bytes;
    private bool _disposed;
    private DateTimeOffset _lastFailureLog = DateTimeOffset.MinValue;

    public PredictionJournal(IOptions<PredictionLogOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<PredictionJournal> logger)
    {
        _directory = Path.GetFullPath(options.Value.SpoolDirectory, environment.ContentRootPath);
        _segmentBytes = options.Value.SegmentBytes;
        _maxBytes = options.Value.MaxSpoolBytes;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        // Files of an earlier process (and the spill files of versions before the journal) are replayed first.
        foreach (var file in Directory.EnumerateFiles(_directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            _segments.Add(new JournalSegment(file, null, time.GetUtcNow())
            {
                Bytes = info.Length,
                Appended = File.ReadLines(file).LongCount(l => l.Length > 0),
                NeedsReplay = true,
            });
            _bytes += info.Length;
        }
    }

    public string Location => _directory;

    /// <summary>Where lines that cannot be replayed (unreadable, or of an unknown record schema) are moved.</summary>
    public string QuarantineLocation => Path.Combine(_directory, "quarantine");

    /// <summary>Journaled records not yet known to be in the store.</summary>
    public long UnstoredRecords
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => Math.Max(0, s.Appended - s.Stored));
            }
        }
    }

    /// <summary>Bytes the journal holds on disk.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Files on disk (the one being written included).</summary>
    public int Files
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>Appends <paramref name="record"/>; returns its file, or null when the journal could not take it.</summary>
    internal JournalSegment? Append(PredictionRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, PredictionStore.Json);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            if (_bytes + line.Length > _maxBytes)
            {
                RefuseLocked("its size cap PredictionLog:MaxSpoolBytes is reached");
                return null;
            }

            JournalSegment? segment = null;
            try
            {
                segment = _active ??= OpenLocked();
                RandomAccess.Write(segment.Handle!, line, segment.Bytes);
                segment.Bytes += line.Length;
                segment.Appended++;
                _bytes += line.Length;
                if (segment.Bytes >= _segmentBytes)
                {
                    SealLocked(segment);
                }

                return segment;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A half-written line may be left; the next record goes to a new file, and a replay quarantines it.
                if (segment is not null)
                {
                    SealLocked(segment);
                }

                RefuseLocked(ex.Message);
                return null;
            }
        }
    }

    /// <summary>Some of <paramref name="segment"/>'s records did not fit in memory: the file must be replayed.</summary>
    internal void MarkNeedsReplay(JournalSegment segment)
    {
        lock (_gate)
        {
            segment.NeedsReplay = true;
        }
    }

    /// <summary><paramref name="count"/> records of <paramref name="segment"/> reached the store from memory.</summary>
    internal void MarkStored(JournalSegment segment, int count)
    {
        lock (_gate)
        {
            segment.Stored += count;
            if (segment.Done)
            {
                DeleteLocked(segment);
            }
        }
    }

    /// <summary>
    /// Closes the file being written when everything in it is stored (or it must be replayed) and it is at least a
    /// second old, so an idle log leaves no file behind and a busy one does not make a file per batch.
    /// </summary>
    internal void SealIfIdle()
    {
        lock (_gate)
        {
            if (_active is { } active && active.Appended > 0 && (active.NeedsReplay || active.Stored >= active.Appended)
                && _time.GetUtcNow() - active.Opened >= IdleSealAge)
            {
                SealLocked(active);
            }
        }
    }

    /// <summary>Closed files whose records must be read back from disk, oldest first.</summary>
    internal IReadOnlyList<JournalSegment> ReplayDue()
    {
        lock (_gate)
        {
            return _segments.Where(s => s.Sealed && s.NeedsReplay).ToList();
        }
    }

    /// <summary>Every record of <paramref name="segment"/> is stored (or quarantined): the file goes.</summary>
    internal void Replayed(JournalSegment segment)
    {
        lock (_gate)
        {
            segment.Stored = segment.Appended;
            segment.NeedsReplay = false;
            DeleteLocked(segment);
        }
    }

    /// <summary>Writes records that never reached the journal (it refused them) to a closed file, for the next start.</summary>
    internal void Preserve(IReadOnlyCollection<PredictionRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        var path = Path.Combine(_directory, NewName());
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, records.Select(r => JsonSerializer.Serialize(r, PredictionStore.Json)));
        File.Move(temporary, path);
    }

    /// <summary>Asks the kernel to put what was written on the disk (fsync), and closes the files sealed since the last call.</summary>
    public void FlushToDisk()
    {
        List<SafeFileHandle> handles;
        List<SafeFileHandle> closing;
        lock (_gate)
        {
            closing = [.. _closing];
            _closing.Clear();
            handles = [.. closing];
            if (_active?.Handle is { } open)
            {
                handles.Add(open);
            }
        }

        foreach (var handle in handles)
        {
            try
            {
                RandomAccess.FlushToDisk(handle);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Closed meanwhile (the service is stopping: Dispose flushes), or the disk failed: the next flush tries again.
            }
        }

        closing.ForEach(h => h.Dispose());
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_active is { } active)
            {
                SealLocked(active);
            }
        }

        FlushToDisk();
    }

    private JournalSegment OpenLocked()
    {
        var path = Path.Combine(_directory, NewName());
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var segment = new JournalSegment(path, handle, _time.GetUtcNow());
        _segments.Add(segment);
        return segment;
    }

    private string NewName() =>
        $"journal-{_time.GetUtcNow().ToUnixTimeMilliseconds():D15}-{Guid.NewGuid().ToString("N")[..8]}{Extension}";

    private void SealLocked(JournalSegment segment)
    {
        if (segment.Handle is { } handle)
        {
            _closing.Add(handle);
            segment.Handle = null;
        }

        if (ReferenceEquals(_active, segment))
        {
            _active = null;
        }

        if (segment.Done)
        {
            DeleteLocked(segment);
        }
    }

    private void DeleteLocked(JournalSegment segment)
    {
        if (!_segments.Remove(segment))
        {
            return;
        }

        _bytes -= segment.Bytes;
        try
        {
            File.Delete(segment.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left on disk it is replayed at the next start, and the writes are idempotent by request id.
            LogDeleteFailed(segment.Path, ex.Message);
        }
    }

    private void RefuseLocked(string reason)
    {
        Refused.Add(1);
        var now = _time.GetUtcNow();
        if (now - _lastFailureLog >= FailureLogInterval)
        {
            _lastFailureLog = now;
            LogRefused(_directory, reason);
        }
    }

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Prediction log: the journal in {Directory} cannot take records ({Reason}); they are kept in memory only until it can (counted in hi.predictions.journal.refused; logged once a minute)")]
    private partial void LogRefused(string directory, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Prediction log: could not delete the stored journal file {File} ({Reason}); it is replayed at the next start")]
    private partial void LogDeleteFailed(string file, string reason);
}

using System.Diagnostics.Metrics;
using System.Threading.Channels;
using HybridInference.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HybridInference.PredictionLog;

/// <summary>
/// The request path's side of the log: <see cref="Log"/> never blocks and never fails the answer. A record is
/// appended to the <see cref="PredictionJournal"/> first (so it survives a crash once the answer is sent), then
/// queued in memory for <see cref="PredictionLogWriter"/>. The queue is bounded by
/// <see cref="PredictionLogOptions.MemoryBufferRecords"/>: a record that finds it full stays on disk only and the
/// writer replays its file, so a slow or absent store costs disk, not memory.
/// </summary>
public sealed class PredictionLogger
{
    private static readonly Counter<long> Logged = Telemetry.Meter.CreateCounter<long>(
        "hi.predictions.logged", description: "Prediction records handed to the log");

    private static readonly Counter<long> Dropped = Telemetry.Meter.CreateCounter<long>(
        "hi.predictions.dropped", description: "Prediction records lost because the journal refused them and the memory queue was full");

    private readonly PredictionJournal _journal;
    private readonly Channel<LoggedRecord> _channel;
    private long _dropped;
    private volatile bool _completed;

    public PredictionLogger(PredictionJournal journal, IOptions<PredictionLogOptions> options)
    {
        _journal = journal;
        _channel = Channel.CreateBounded<LoggedRecord>(new BoundedChannelOptions(options.Value.MemoryBufferRecords)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal ChannelReader<LoggedRecord> Reader => _channel.Reader;

    /// <summary>Records in the memory queue, not yet taken by the writer.</summary>
    public int Queued => _channel.Reader.Count;

    /// <summary>Records lost since start: refused by the journal (disk failed or full) while the memory queue was full.</summary>
    public long DroppedRecords => Interlocked.Read(ref _dropped);

    public void Log(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_completed)
        {
            throw new InvalidOperationException("the prediction log is closed (the service is stopping)");
        }

        var segment = _journal.Append(record);
        if (!_channel.Writer.TryWrite(new LoggedRecord(record, segment)))
        {
            if (segment is not null)
            {
                // On disk only: the writer reads the file back once the queue has room and the store answers.
                _journal.MarkNeedsReplay(segment);
            }
            else
            {
                Interlocked.Increment(ref _dropped);
                Dropped.Add(1);
            }
        }

        Logged.Add(1);
    }

    internal void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }
}

using System.Diagnostics.Metrics;
using System.Threading.Channels;
using HybridInference.ServiceDefaults;

namespace HybridInference.PredictionLog;

/// <summary>
/// The request path's side of the log: <see cref="Log"/> never blocks and never fails the answer. Records
/// go through an unbounded channel to <see cref="PredictionLogWriter"/>, which bounds memory by spilling
/// to disk while the store is away.
/// </summary>
public sealed class PredictionLogger
{
    private static readonly Counter<long> Logged = Telemetry.Meter.CreateCounter<long>(
        "hi.predictions.logged", description: "Prediction records handed to the log");

    // SingleReader stays false: only the multi-reader unbounded channel can report Count.
    private readonly Channel<PredictionRecord> _channel = Channel.CreateUnbounded<PredictionRecord>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    internal ChannelReader<PredictionRecord> Reader => _channel.Reader;

    /// <summary>Records handed over and not yet written to the store or the spool.</summary>
    public int Queued => _channel.Reader.Count;

    public void Log(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_channel.Writer.TryWrite(record))
        {
            throw new InvalidOperationException("the prediction log is closed (the service is stopping)");
        }

        Logged.Add(1);
    }

    internal void Complete() => _channel.Writer.TryComplete();
}

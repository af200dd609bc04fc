using System.Diagnostics;
using HdrHistogram;

namespace HybridInference.Bench.Load;

/// <summary>
/// Latencies in microseconds in an HdrHistogram (1 µs to 1 min, 3 significant digits), so percentiles are
/// exact to 0.1 % whatever the spread. Not thread-safe: each load worker records into its own and the
/// generator merges them once at the end, which keeps the hot path free of contention.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 60_000_000;
    private readonly LongHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp, long endTimestamp) =>
        Record(Stopwatch.GetElapsedTime(startTimestamp, endTimestamp));

    public void Record(TimeSpan latency)
    {
        // Out-of-range values are clamped rather than thrown: one stalled request must not abort a run.
        var micros = Math.Clamp((long)(latency.Ticks / (double)TimeSpan.TicksPerMicrosecond), 1, HighestMicroseconds);
        _histogram.RecordValue(micros);
    }

    public void Add(LatencyRecorder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _histogram.Add(other._histogram);
    }

    /// <summary>The latency at <paramref name="percentile"/> (0-100) in milliseconds; 0 when nothing was recorded.</summary>
    public double PercentileMs(double percentile) =>
        Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
}

using System.Diagnostics.Metrics;

namespace HybridInference.TestSupport;

/// <summary>Hears one counter of one meter instance (a service's own), so a test can read what the service counted and with which tags.</summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public CounterRecorder(Meter meter, string instrument)
        : this(published => ReferenceEquals(published.Meter, meter) && published.Name == instrument)
    {
    }

    /// <summary>
    /// Hears the counter <paramref name="instrument"/> of every meter named <paramref name="meterName"/> in this process, from
    /// before a service starts (its own meter does not exist yet): for what a service counts while it starts. Tests running
    /// at the same time count here too, so filter by tags only this test produces.
    /// </summary>
    public CounterRecorder(string meterName, string instrument)
        : this(published => published.Meter.Name == meterName && published.Name == instrument)
    {
    }

    private CounterRecorder(Func<Instrument, bool> heard)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (heard(published))
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (_measurements)
            {
                _measurements.Add((value, copy));
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of the measurements whose tags include every pair of <paramref name="tags"/>.</summary>
    public long Total(params (string Tag, string Value)[] tags)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => tags.All(t => m.Tags.TryGetValue(t.Tag, out var v) && Equals(v?.ToString(), t.Value))).Sum(m => m.Value);
        }
    }

    /// <summary>The sum of the measurements whose tag <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public long Total(string tag, string value)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Sum(m => m.Value);
        }
    }

    public void Dispose() => _listener.Dispose();
}

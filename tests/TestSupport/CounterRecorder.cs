using System.Diagnostics.Metrics;

namespace HybridInference.TestSupport;

/// <summary>Hears one counter of one meter instance (a service's own), so a test can read what the service counted and with which tags.</summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public CounterRecorder(Meter meter, string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (ReferenceEquals(published.Meter, meter) && published.Name == instrument)
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

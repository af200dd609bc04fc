using System.Diagnostics.Metrics;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Inference.Tests;

/// <summary>Real meters from a private factory, and a listener that hears only them.</summary>
internal sealed class TestMeters : IDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public TestMeters()
    {
        Metrics = new InferenceMetrics(_provider.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.Start();
    }

    public InferenceMetrics Metrics { get; }

    public IReadOnlyList<(string Name, double Value, Dictionary<string, object?> Tags)> Measurements
    {
        get
        {
            lock (_measurements)
            {
                return [.. _measurements];
            }
        }
    }

    public IEnumerable<double> Values(string name) => Measurements.Where(m => m.Name == name).Select(m => m.Value);

    public void Dispose()
    {
        _listener.Dispose();
        _provider.Dispose();
    }

    private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((name, value, copy));
        }
    }
}

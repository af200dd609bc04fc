using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using HybridInference.Contracts.Statistics;
using HybridInference.Inference.Telemetry;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Listens to this node's own inference metrics (request durations, confidences, images) and sums them per
/// telemetry window, so the fleet sees the same numbers as the dashboard. Only the instruments of this
/// host's meter are read: tests run several hosts in one process.
/// </summary>
public sealed class TelemetryCollector : IDisposable
{
    // Latencies kept per window; beyond it the percentiles come from the first ones, which at 5 s windows
    // needs more than 4k requests per second to matter.
    private const int MaxSamples = 20_000;

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly long[] _histogram = new long[10];
    private List<double> _latenciesMs = [];
    private long _images;

    public TelemetryCollector(InferenceMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name is InferenceMetrics.RequestDurationName or InferenceMetrics.ConfidenceName or InferenceMetrics.ImagesName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnMeasurement(instrument.Name, value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => OnImages(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>The window since the last call, which starts a new one.</summary>
    public TelemetryWindow TakeWindow()
    {
        List<double> latencies;
        long[] histogram;
        long images;
        lock (_lock)
        {
            latencies = _latenciesMs;
            _latenciesMs = [];
            histogram = [.. _histogram];
            Array.Clear(_histogram);
        }

        images = Interlocked.Exchange(ref _images, 0);

        latencies.Sort();
        return new TelemetryWindow(images, Round(latencies, 0.50), Round(latencies, 0.95), Round(latencies, 0.99), histogram);
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(string instrument, double value)
    {
        lock (_lock)
        {
            if (instrument == InferenceMetrics.RequestDurationName)
            {
                if (_latenciesMs.Count < MaxSamples)
                {
                    _latenciesMs.Add(value * 1000);
                }
            }
            else
            {
                _histogram[Math.Clamp((int)(value * 10), 0, 9)]++;
            }
        }
    }

    private void OnImages(string instrument, long value)
    {
        if (instrument == InferenceMetrics.ImagesName)
        {
            Interlocked.Add(ref _images, value);
        }
    }

    // The product's one definition (nearest rank); 0 for a window without requests, as the fleet reads it.
    // Rounded to the microsecond: the durations are measured in seconds, and ms * 1000 carries float noise.
    private static double Round(List<double> sorted, double p) => Math.Round(Percentile.OfSortedOrNull(CollectionsMarshal.AsSpan(sorted), p) ?? 0, 3);
}

using System.Diagnostics.Metrics;
using HybridInference.EdgeInference.Device;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Device;

public sealed class DeviceMetricsTests(EdgeFactory factory) : IClassFixture<EdgeFactory>
{
    [Fact]
    public void Gauges_ReportDeviceStateTaggedWithIdentity()
    {
        var metrics = factory.Services.GetRequiredService<DeviceMetrics>();
        factory.Services.GetRequiredService<DeviceSimulator>().SetFault(new DeviceFault { ForceThrottle = true });
        Dictionary<string, (double Value, string? Device)> seen = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen[i.Name] = (v, Device(tags)));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => seen[i.Name] = (v, Device(tags)));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(1, seen[DeviceMetrics.ThrottledName].Value);
        Assert.InRange(seen[DeviceMetrics.TemperatureName].Value, 0, 150);
        Assert.Equal(4096.0 * 1024 * 1024, seen[DeviceMetrics.MemoryLimitName].Value);
        Assert.True(seen.ContainsKey(DeviceMetrics.UtilisationName));
        Assert.True(seen.ContainsKey(DeviceMetrics.MemoryUsageName));
        Assert.All(seen.Values, s => Assert.Equal("edge-test", s.Device));
    }

    private static string? Device(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "device.id")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

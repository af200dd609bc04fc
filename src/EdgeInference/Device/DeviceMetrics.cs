using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HybridInference.EdgeInference.Device;

/// <summary>
/// The simulated device's state as OpenTelemetry gauges, tagged with the node's identity. Named under
/// <c>edge.device.</c> rather than the <c>hw.</c> semantic conventions, because the hardware is simulated.
/// </summary>
public sealed class DeviceMetrics
{
    public const string TemperatureName = "edge.device.gpu.temperature";
    public const string UtilisationName = "edge.device.gpu.utilization";
    public const string MemoryUsageName = "edge.device.gpu.memory.usage";
    public const string MemoryLimitName = "edge.device.gpu.memory.limit";
    public const string ThrottledName = "edge.device.gpu.throttled";

    public DeviceMetrics(IMeterFactory meterFactory, DeviceSimulator device)
    {
        Meter = meterFactory.Create(ServiceDefaults.Telemetry.SourceName);
        var identity = device.Snapshot();
        var tags = new TagList { { "device.id", identity.DeviceId }, { "site", identity.Site }, { "fleet.group", identity.FleetGroup } };
        Meter.CreateObservableGauge(TemperatureName, () => new Measurement<double>(device.Snapshot().GpuTemperatureCelsius, tags), "Cel", "Simulated GPU temperature");
        Meter.CreateObservableGauge(UtilisationName, () => new Measurement<double>(device.Snapshot().GpuUtilisation, tags), "1", "Simulated GPU utilisation, 0..1");
        Meter.CreateObservableGauge(MemoryUsageName, () => new Measurement<double>(device.Snapshot().GpuMemoryUsedMiB * 1024 * 1024, tags), "By", "Simulated GPU memory in use");
        Meter.CreateObservableGauge(MemoryLimitName, () => new Measurement<double>(device.Snapshot().GpuMemoryTotalMiB * 1024 * 1024, tags), "By", "Simulated GPU memory size");
        Meter.CreateObservableGauge(ThrottledName, () => new Measurement<int>(device.IsThrottled ? 1 : 0, tags), "{state}", "1 while the simulated GPU is thermally throttled");
    }

    public Meter Meter { get; }
}

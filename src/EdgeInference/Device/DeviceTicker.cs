using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Device;

/// <summary>Advances the device simulation on a fixed period of the injected clock.</summary>
internal sealed class DeviceTicker(DeviceSimulator device, DeviceMetrics metrics, IOptions<DeviceOptions> options, TimeProvider time) : BackgroundService
{
    // Held so the gauges exist from start-up, not from the first scrape that happens to resolve them.
    public DeviceMetrics Metrics { get; } = metrics;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.TickMilliseconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            device.Step();
        }
    }
}

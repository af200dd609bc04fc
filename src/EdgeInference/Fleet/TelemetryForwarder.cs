using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.EdgeInference.Device;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The node's telemetry on its way to the registry: one message per interval into the <see cref="TelemetryOutbox"/>,
/// connected or not, and from there onto the fleet stream oldest first while a session lives, each message removed
/// only once written, so a session that breaks loses none.
/// </summary>
public sealed partial class TelemetryForwarder(
    TelemetryCollector telemetry,
    TelemetryOutbox outbox,
    DeviceSimulator device,
    RunningModel running,
    IOptions<FleetAgentOptions> options,
    TimeProvider time,
    ILogger<TelemetryForwarder> logger)
{
    // The registry names the interval at registration; until then, and while it is unreachable, the setting.
    private TimeSpan _interval = TimeSpan.FromSeconds(options.Value.TelemetryIntervalSeconds);

    /// <summary>The interval between messages; the registry's, once it has named one.</summary>
    public TimeSpan Interval
    {
        get => _interval;
        set => _interval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the telemetry interval must be positive");
    }

    /// <summary>Puts one telemetry message in the outbox every interval, connected or not, until cancelled.</summary>
    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var message = NewTelemetry();

            // A device that stopped reporting sends nothing; its window is lost, as a silent device's would be.
            if (!device.Snapshot().Fault.StopReporting)
            {
                outbox.Add(message);
            }

            if (timer.Period != _interval)
            {
                timer.Period = _interval;
            }
        }
    }

    /// <summary>
    /// Sends what was buffered while the registry was unreachable, in order; called at the start of a session,
    /// before the report of the initial desired state (the registry takes the model named in telemetry as running,
    /// and the report must come last).
    /// </summary>
    public async Task SendBacklogAsync(Func<DeviceMessage, Task> send)
    {
        var buffered = outbox.Count;
        await SendBufferedAsync(send);
        if (buffered > 0)
        {
            LogBufferedSent(buffered, outbox.Dropped);
        }
    }

    /// <summary>Sends the outbox's messages as they come, for as long as the session lives.</summary>
    public async Task ForwardAsync(Func<DeviceMessage, Task> send, CancellationToken cancellationToken)
    {
        while (true)
        {
            await outbox.WaitAsync(cancellationToken);
            await SendBufferedAsync(send);
        }
    }

    /// <summary>Sends every waiting message oldest first, removing each only once written.</summary>
    private async Task SendBufferedAsync(Func<DeviceMessage, Task> send)
    {
        while (outbox.TryPeek(out var pending))
        {
            await send(new DeviceMessage { Telemetry = pending.Message });
            outbox.Remove(pending.Sequence);
        }
    }

    private Telemetry NewTelemetry()
    {
        var window = telemetry.TakeWindow();
        var health = device.Snapshot();
        var message = new Telemetry
        {
            TimestampUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            InferenceCount = window.Images,
            LatencyP50Ms = window.P50Ms,
            LatencyP95Ms = window.P95Ms,
            LatencyP99Ms = window.P99Ms,
            ConfidenceHistogram = { window.ConfidenceHistogram },
            GpuTemperatureC = health.GpuTemperatureCelsius,
            GpuUtilisation = health.GpuUtilisation,
            GpuMemoryUsedMib = health.GpuMemoryUsedMiB,
            GpuMemoryTotalMib = health.GpuMemoryTotalMiB,
            Throttled = health.Throttled,
        };
        if (running.Current is { } model)
        {
            message.Model = model.ToMessage();
        }

        return message;
    }

    [LoggerMessage(EventId = 315, Level = LogLevel.Information, Message = "Sent {Count} telemetry messages buffered while the registry was unreachable ({Dropped} dropped since start, buffer full)")]
    private partial void LogBufferedSent(int count, long dropped);
}

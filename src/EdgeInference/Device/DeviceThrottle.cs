using HybridInference.Inference.Batching;

namespace HybridInference.EdgeInference.Device;

/// <summary>Feeds the simulated device the load it serves and makes executions slower while it throttles.</summary>
internal sealed class DeviceThrottle(DeviceSimulator device, TimeProvider time) : IExecutionThrottle
{
    public async ValueTask OnExecutedAsync(int rows, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        device.RecordImages(rows);
        var delay = device.ThrottleDelay(elapsed);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

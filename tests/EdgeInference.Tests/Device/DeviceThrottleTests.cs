using HybridInference.EdgeInference.Device;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.EdgeInference.Tests.Device;

public class DeviceThrottleTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly DeviceSimulator _device;
    private readonly DeviceThrottle _throttle;

    public DeviceThrottleTests()
    {
        _device = new DeviceSimulator(Options.Create(new DeviceOptions { ThrottleMinDelayMs = 50 }), Options.Create(new EdgeOptions { DeviceId = "d", Site = "s" }), _time);
        _throttle = new DeviceThrottle(_device, _time);
    }

    [Fact]
    public async Task Executed_Normally_DoesNotWait()
    {
        var pending = _throttle.OnExecutedAsync(1, TimeSpan.FromMilliseconds(1), default);

        Assert.True(pending.IsCompleted);
        await pending;
    }

    [Fact]
    public async Task Executed_WhileThrottled_WaitsTheThrottleDelay()
    {
        _device.SetFault(new DeviceFault { ForceThrottle = true });

        var pending = _throttle.OnExecutedAsync(1, TimeSpan.FromMilliseconds(1), default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await pending;
    }

    [Fact]
    public void Executed_CountsImagesTowardsUtilisation()
    {
        _throttle.OnExecutedAsync(500, TimeSpan.Zero, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        _device.Step();

        Assert.Equal(0.25, _device.Snapshot().GpuUtilisation, 3);
    }
}

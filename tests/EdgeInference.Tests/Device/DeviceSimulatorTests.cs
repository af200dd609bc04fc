using HybridInference.EdgeInference.Device;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.EdgeInference.Tests.Device;

public class DeviceSimulatorTests
{
    private readonly FakeTimeProvider _time = new();

    private DeviceSimulator Create(DeviceOptions? options = null) =>
        new(Options.Create(options ?? new DeviceOptions()), Options.Create(new EdgeOptions { DeviceId = "d1", Site = "s1" }), _time);

    /// <summary>Serves <paramref name="imagesPerSecond"/> for <paramref name="seconds"/>, stepping once a second.</summary>
    private void Run(DeviceSimulator device, double imagesPerSecond, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            device.RecordImages((int)imagesPerSecond);
            _time.Advance(TimeSpan.FromSeconds(1));
            device.Step();
        }
    }

    [Fact]
    public void Idle_StaysAtAmbientAndBaseMemory()
    {
        var device = Create();

        Run(device, 0, 60);

        var health = device.Snapshot();
        Assert.Equal(35, health.GpuTemperatureCelsius, 1);
        Assert.Equal(0, health.GpuUtilisation);
        Assert.Equal(900, health.GpuMemoryUsedMiB);
        Assert.False(health.Throttled);
    }

    [Fact]
    public void HalfLoad_SettlesBetweenAmbientAndFullLoadWithoutThrottling()
    {
        var device = Create();

        Run(device, 1_000, 300);

        var health = device.Snapshot();
        Assert.Equal(0.5, health.GpuUtilisation, 3);
        Assert.Equal(35 + ((92 - 35) * 0.5), health.GpuTemperatureCelsius, 0);
        Assert.Equal(900 + 512, health.GpuMemoryUsedMiB, 0);
        Assert.False(health.Throttled);
    }

    [Fact]
    public void SustainedFullLoad_HeatsUpAndThrottlesAfterAWhile()
    {
        var device = Create();

        Run(device, 2_000, 20);
        Assert.False(device.IsThrottled);
        Run(device, 2_000, 100);

        Assert.True(device.IsThrottled);
        Assert.True(device.Snapshot().GpuTemperatureCelsius >= 85);
        Assert.Equal(TimeSpan.FromMilliseconds(20), device.ThrottleDelay(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), device.ThrottleDelay(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Throttled_RecoversOnlyBelowTheResumeTemperature()
    {
        var device = Create();
        Run(device, 2_000, 120);
        Assert.True(device.IsThrottled);

        // Cooling from ~91 °C: still above 78 °C after a few seconds idle, so still throttled (hysteresis).
        Run(device, 0, 6);
        Assert.InRange(device.Snapshot().GpuTemperatureCelsius, 78, 85);
        Assert.True(device.IsThrottled);

        Run(device, 0, 60);
        Assert.False(device.IsThrottled);
        Assert.Equal(TimeSpan.Zero, device.ThrottleDelay(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Fault_ForceThrottle_TakesEffectAtOnceAndEndsWhenCleared()
    {
        var device = Create();

        device.SetFault(new DeviceFault { ForceThrottle = true });
        Assert.True(device.IsThrottled);

        device.SetFault(DeviceFault.None);
        Assert.False(device.IsThrottled);
    }

    [Fact]
    public void Fault_ExtraHeat_ThrottlesAnIdleDevice()
    {
        var device = Create();
        device.SetFault(new DeviceFault { ExtraCelsius = 60 });

        Run(device, 0, 120);

        Assert.True(device.IsThrottled);
        Assert.Equal(60, device.Snapshot().Fault.ExtraCelsius);
    }

    [Fact]
    public void Fault_CompetingLoadAndLeak_ShowInUtilisationAndMemory()
    {
        var device = Create();
        device.SetFault(new DeviceFault { ExtraUtilisation = 0.25, LeakedMemoryMiB = 10_000 });

        Run(device, 0, 1);

        var health = device.Snapshot();
        Assert.Equal(0.25, health.GpuUtilisation, 3);
        Assert.Equal(4_096, health.GpuMemoryUsedMiB);
    }
}

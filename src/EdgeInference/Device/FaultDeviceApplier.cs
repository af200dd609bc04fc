using HybridInference.Contracts.Chaos;
using HybridInference.Faults;
using HybridInference.Faults.Distribution;

namespace HybridInference.EdgeInference.Device;

/// <summary>
/// Drives the simulated device from ChaosLab's device faults: when one becomes active it replaces the
/// device's fault (heat, throttle, memory, silence), and when it ends the device is put back to no fault.
/// A fault set by hand through <c>PUT /device/fault</c> is left alone while no device fault comes or goes.
/// </summary>
internal sealed class FaultDeviceApplier(DeviceSimulator device, FaultState? faults = null, FaultMetrics? metrics = null) : IHostedService
{
    private Fault? _applied;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (faults is not null)
        {
            faults.Changed += Apply;
            Apply(faults.Current);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (faults is not null)
        {
            faults.Changed -= Apply;
        }

        return Task.CompletedTask;
    }

    private void Apply(FaultSet set)
    {
        var next = set.First(FaultKind.Device);
        if (next == _applied)
        {
            return;
        }

        if (next?.Device is { } degradation)
        {
            device.SetFault(new DeviceFault
            {
                ExtraCelsius = degradation.TemperatureRiseCelsius,
                ForceThrottle = degradation.Throttle,
                ExtraUtilisation = degradation.ExtraUtilisation,
                LeakedMemoryMiB = degradation.MemoryPressureMiB,
                StopReporting = degradation.StopReporting,
            });
            metrics?.Injected(next);
        }
        else if (_applied is not null)
        {
            device.SetFault(DeviceFault.None);
        }

        _applied = next;
    }
}

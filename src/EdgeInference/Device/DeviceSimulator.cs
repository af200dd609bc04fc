using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Device;

/// <summary>
/// The edge node's simulated accelerator. Utilisation is the images served per tick against the
/// device's capacity (plus any injected competing load); temperature follows utilisation with a
/// first-order lag; the device throttles at <see cref="DeviceOptions.ThrottleCelsius"/> and recovers
/// below <see cref="DeviceOptions.ResumeCelsius"/>, so it does not flap at the threshold. While
/// throttled, <see cref="ThrottleDelay"/> is non-zero and the serving path really waits it out.
/// </summary>
public sealed class DeviceSimulator
{
    private readonly DeviceOptions _options;
    private readonly EdgeOptions _identity;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _imagesSinceStep;
    private long _lastStep;
    private double _temperature;
    private double _utilisation;
    private double _memoryUsed;
    private bool _throttled;
    private DeviceFault _fault = DeviceFault.None;
    private DateTimeOffset _updatedAt;

    public DeviceSimulator(IOptions<DeviceOptions> options, IOptions<EdgeOptions> identity, TimeProvider time)
    {
        _options = options.Value;
        _identity = identity.Value;
        _time = time;
        _temperature = _options.AmbientCelsius;
        _memoryUsed = _options.MemoryBaseMiB;
        _lastStep = time.GetTimestamp();
        _updatedAt = time.GetUtcNow();
    }

    public bool IsThrottled
    {
        get
        {
            lock (_lock)
            {
                return _throttled;
            }
        }
    }

    /// <summary>Counts images the device served; they become utilisation at the next step.</summary>
    public void RecordImages(int images) => Interlocked.Add(ref _imagesSinceStep, images);

    /// <summary>Extra time an execution that took <paramref name="elapsed"/> must take while throttled; zero otherwise.</summary>
    public TimeSpan ThrottleDelay(TimeSpan elapsed)
    {
        if (!IsThrottled)
        {
            return TimeSpan.Zero;
        }

        var proportional = elapsed * (_options.ThrottleSlowdown - 1);
        var floor = TimeSpan.FromMilliseconds(_options.ThrottleMinDelayMs);
        return proportional > floor ? proportional : floor;
    }

    /// <summary>Advances the simulation to now.</summary>
    public void Step()
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            var dt = _time.GetElapsedTime(_lastStep, now);
            _lastStep = now;
            if (dt <= TimeSpan.Zero)
            {
                return;
            }

            var images = Interlocked.Exchange(ref _imagesSinceStep, 0);
            var served = images / (_options.CapacityImagesPerSecond * dt.TotalSeconds);
            _utilisation = Math.Clamp(served + _fault.ExtraUtilisation, 0, 1);

            var target = _options.AmbientCelsius + ((_options.FullLoadCelsius - _options.AmbientCelsius) * _utilisation) + _fault.ExtraCelsius;
            _temperature += (target - _temperature) * (1 - Math.Exp(-dt.TotalSeconds / _options.ThermalTimeConstantSeconds));
            _memoryUsed = Math.Min(_options.MemoryTotalMiB, _options.MemoryBaseMiB + (_options.MemoryAtFullLoadMiB * _utilisation) + _fault.LeakedMemoryMiB);
            UpdateThrottle();
            _updatedAt = _time.GetUtcNow();
        }
    }

    /// <summary>Replaces the injected fault; a forced throttle (or its end) takes effect at once.</summary>
    public void SetFault(DeviceFault fault)
    {
        lock (_lock)
        {
            _fault = fault;
            UpdateThrottle();
        }
    }

    public DeviceHealth Snapshot()
    {
        lock (_lock)
        {
            return new DeviceHealth(
                _identity.DeviceId, _identity.Site, _identity.FleetGroup,
                Math.Round(_temperature, 2), Math.Round(_utilisation, 4), Math.Round(_memoryUsed, 1), _options.MemoryTotalMiB,
                _throttled, _fault, _updatedAt);
        }
    }

    private void UpdateThrottle() =>
        _throttled = _fault.ForceThrottle || (_throttled ? _temperature > _options.ResumeCelsius : _temperature >= _options.ThrottleCelsius);
}

using System.ComponentModel.DataAnnotations;

namespace HybridInference.EdgeInference.Device;

/// <summary>
/// The simulated accelerator of an edge node: a first-order thermal model driven by utilisation, with
/// throttling and hysteresis. Defaults resemble a small embedded GPU (Jetson-class) that throttles
/// after about a minute at full load.
/// </summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Edge:Device";

    /// <summary>Temperature of an idle device. <value>Defaults to 35 °C.</value></summary>
    [Range(-40, 100)]
    public double AmbientCelsius { get; set; } = 35;

    /// <summary>Temperature the device settles at under full load. <value>Defaults to 92 °C.</value></summary>
    [Range(0, 150)]
    public double FullLoadCelsius { get; set; } = 92;

    /// <summary>Thermal time constant: how fast temperature follows load. <value>Defaults to 30 s.</value></summary>
    [Range(0.1, 3600)]
    public double ThermalTimeConstantSeconds { get; set; } = 30;

    /// <summary>Temperature at which the device throttles. <value>Defaults to 85 °C.</value></summary>
    [Range(0, 150)]
    public double ThrottleCelsius { get; set; } = 85;

    /// <summary>Temperature below which a throttled device recovers (hysteresis). <value>Defaults to 78 °C.</value></summary>
    [Range(0, 150)]
    public double ResumeCelsius { get; set; } = 78;

    /// <summary>Images per second that keep the device at 100 % utilisation. <value>Defaults to 2000.</value></summary>
    [Range(1, 10_000_000)]
    public double CapacityImagesPerSecond { get; set; } = 2_000;

    /// <summary>Device memory. <value>Defaults to 4096 MiB.</value></summary>
    [Range(1, 1_048_576)]
    public double MemoryTotalMiB { get; set; } = 4_096;

    /// <summary>Memory held when idle (runtime, model, arenas). <value>Defaults to 900 MiB.</value></summary>
    [Range(0, 1_048_576)]
    public double MemoryBaseMiB { get; set; } = 900;

    /// <summary>Extra memory at full utilisation (activations of in-flight batches). <value>Defaults to 1024 MiB.</value></summary>
    [Range(0, 1_048_576)]
    public double MemoryAtFullLoadMiB { get; set; } = 1_024;

    /// <summary>How many times slower an execution is while throttled. <value>Defaults to 4.</value></summary>
    [Range(1, 1000)]
    public double ThrottleSlowdown { get; set; } = 4;

    /// <summary>Least extra time per execution while throttled (tiny models run in microseconds). <value>Defaults to 20 ms.</value></summary>
    [Range(0, 60_000)]
    public int ThrottleMinDelayMs { get; set; } = 20;

    /// <summary>How often the simulation advances and the gauges update. <value>Defaults to 1000 ms.</value></summary>
    [Range(10, 60_000)]
    public int TickMilliseconds { get; set; } = 1_000;
}

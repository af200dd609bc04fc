namespace HybridInference.Router.Routing.Rules;

/// <summary>A field of <see cref="EdgeHealth"/> that rules can test, with its rule-language name.</summary>
public sealed record HealthField(string Name, bool IsBoolean, Func<EdgeHealth, double> Read)
{
    public static IReadOnlyList<HealthField> All { get; } =
    [
        new("gpu_temperature_c", false, h => h.GpuTemperatureC),
        new("p95_latency_ms", false, h => h.P95LatencyMs),
        new("throttled", true, h => h.Throttled ? 1 : 0),
        new("link_down", true, h => h.LinkDown ? 1 : 0),
    ];

    public static HealthField? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}

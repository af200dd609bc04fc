namespace HybridInference.Router.Routing;

/// <summary>The latest health report of the edge node a request would go to; the input of the health rules.</summary>
/// <param name="GpuTemperatureC">GPU (or SoC) temperature in degrees Celsius.</param>
/// <param name="Throttled">Whether the device is thermally or power throttled.</param>
/// <param name="P95LatencyMs">95th percentile (nearest rank, <see cref="HybridInference.Contracts.Statistics.Percentile"/>) of the router's recent calls to the node, in milliseconds (<see cref="Edges.LatencyWindow"/>).</param>
/// <param name="LinkDown">Whether the site's link to the cloud is down.</param>
/// <param name="ObservedAt">When the node measured these values; older than <c>Routing:HealthMaxAgeSeconds</c> counts as unknown.</param>
public sealed record EdgeHealth(double GpuTemperatureC, bool Throttled, double P95LatencyMs, bool LinkDown, DateTimeOffset ObservedAt);

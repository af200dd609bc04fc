namespace HybridInference.Contracts.RouterAdmin;

/// <summary>
/// One edge node as <c>GET /admin/edges</c> shows it: in the router's rotation or not, its circuit breaker, its last
/// device report, the p95 of the router's recent calls to it (<see cref="ColdCalls"/> counts the calls left out of it
/// because they started before the node's first answer), and where its inference calls go.
/// </summary>
public sealed record EdgeView(
    string Node,
    bool InRotation,
    EdgeBreakerView Breaker,
    double? GpuTemperatureCelsius,
    bool? Throttled,
    double P95LatencyMs,
    long ColdCalls,
    string InferenceAddress,
    string InferenceHttpVersion);

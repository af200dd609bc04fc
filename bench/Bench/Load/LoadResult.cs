using System.Text.Json.Serialization;

namespace HybridInference.Bench.Load;

/// <summary>One load measurement: throughput of successful requests and their latency percentiles.</summary>
public sealed record LoadResult(
    string Name,
    string Tool,
    int Concurrency,
    double Seconds,
    long Requests,
    long Errors,
    double RequestsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    /// <summary>An error happened or nothing succeeded: the throughput is not a measurement of the service.</summary>
    [JsonIgnore]
    public bool Failed => Errors > 0 || Requests == 0;

    public override string ToString() =>
        $"{Name} [{Tool}]: {RequestsPerSecond:N0} req/s, p50 {P50Ms:0.00} ms, p95 {P95Ms:0.00} ms, p99 {P99Ms:0.00} ms, {Requests:N0} ok, {Errors:N0} errors";
}

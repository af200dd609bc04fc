namespace HybridInference.Bench.Load;

/// <summary>How one load measurement runs.</summary>
/// <param name="Concurrency">Requests in flight at once (workers; each waits for its answer before the next).</param>
/// <param name="Duration">Measured time.</param>
/// <param name="WarmUp">Time before the measured window: the same load, not recorded (JIT, connection pools, tiered compilation).</param>
/// <param name="RatePerSecond">
/// A fixed total request rate spread over the workers, or null for as fast as the server answers. With a rate,
/// each request's latency counts from when it was due, not from when it was sent, so a stalled server is
/// charged for the requests it delayed (no coordinated omission).
/// </param>
public sealed record LoadOptions(int Concurrency, TimeSpan Duration, TimeSpan WarmUp, double? RatePerSecond = null)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(WarmUp, TimeSpan.Zero);
        if (RatePerSecond is { } rate && !(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RatePerSecond), rate, "a rate is a positive number of requests per second");
        }
    }
}

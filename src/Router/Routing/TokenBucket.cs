namespace HybridInference.Router.Routing;

/// <summary>
/// A token bucket refilled lazily from <see cref="TimeProvider"/> timestamps: no timer, so a fake clock drives it
/// exactly. Capacity is one second of the rate (at least one token), so a quiet site can absorb a short burst.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updatedAt;

    public TokenBucket(TimeProvider time, double ratePerSecond)
    {
        _time = time;
        _tokens = Capacity(ratePerSecond);
        _updatedAt = time.GetTimestamp();
    }

    /// <param name="ratePerSecond">Read per call, so a configuration change applies to existing buckets at once.</param>
    public bool TryTake(double ratePerSecond)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_updatedAt, now).TotalSeconds;
            _updatedAt = now;
            _tokens = Math.Min(Capacity(ratePerSecond), _tokens + (elapsed * ratePerSecond));
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    private static double Capacity(double ratePerSecond) => Math.Max(1, ratePerSecond);
}

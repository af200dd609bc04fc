namespace HybridInference.Router.Edges;

/// <summary>The last N latencies of one node, for the p95 that the <c>p95_latency_ms</c> rule reads.</summary>
public sealed class LatencyWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _values[_next] = milliseconds;
            _next = (_next + 1) % _values.Length;
            _count = Math.Min(_count + 1, _values.Length);
        }
    }

    /// <summary>The nearest-rank 95th percentile, or 0 before any call.</summary>
    public double P95()
    {
        double[] copy;
        lock (_gate)
        {
            if (_count == 0)
            {
                return 0;
            }

            copy = _values[.._count];
        }

        Array.Sort(copy);
        return copy[Math.Clamp((int)Math.Ceiling(0.95 * copy.Length) - 1, 0, copy.Length - 1)];
    }
}

using System.Runtime.InteropServices;
using HybridInference.Contracts.Statistics;

namespace HybridInference.Router.Edges;

/// <summary>
/// The last N latencies of one node within a maximum age, for the p95 that the <c>p95_latency_ms</c> rule
/// reads. The age limit matters: a rule that sends a slow node's traffic to the cloud also stops the calls
/// that would show it fast again, so without it one slow spell would keep the node bypassed for good.
/// Calls that started before the node's first answer (since the router started, or since the node came back
/// into rotation) are not counted: they waited on new connections and on code running for the first time at
/// both ends, not on the node. Measured in the whole-app test under load: the first 4-6 calls to each node took
/// 150-260 ms, every later one 3-20 ms; counted, they put a node's p95 past the slow-edge rule's 250 ms and the
/// rule kept its traffic on the cloud until they aged out.
/// </summary>
public sealed class LatencyWindow(int capacity, TimeSpan maxAge, TimeProvider time)
{
    /// <summary>
    /// How long a computed p95 is reused. The routing policy reads it on every request, and sorting the window
    /// each time showed in the router's profile; a rule on a p95 does not need it fresher than this.
    /// </summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    private readonly (double Value, long At)[] _values = new (double, long)[capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;
    private double _cached;
    private long _cachedAt;
    private bool _hasCached;
    private volatile bool _warm;
    private long _coldCalls;

    public LatencyWindow(int capacity)
        : this(capacity, TimeSpan.MaxValue, TimeProvider.System)
    {
    }

    /// <summary>True once the node answered a call since the window started or was <see cref="Reset"/>: a call that starts now finds the path warm.</summary>
    public bool Warm => _warm;

    /// <summary>Calls not counted because they started before the node's first answer.</summary>
    public long ColdCalls => Interlocked.Read(ref _coldCalls);

    /// <summary>Counts a latency towards the p95.</summary>
    public void Add(double milliseconds) => Record(milliseconds, startedWarm: true);

    /// <summary>
    /// The latency of an answered call; <paramref name="startedWarm"/> is what <see cref="Warm"/> was when the call
    /// started. A call that started cold is only counted in <see cref="ColdCalls"/>, but its answer makes the window warm.
    /// </summary>
    public void Record(double milliseconds, bool startedWarm)
    {
        _warm = true;
        if (!startedWarm)
        {
            Interlocked.Increment(ref _coldCalls);
            return;
        }

        var now = time.GetTimestamp();
        lock (_gate)
        {
            _values[_next] = (milliseconds, now);
            _next = (_next + 1) % _values.Length;
            _count = Math.Min(_count + 1, _values.Length);
        }
    }

    /// <summary>Forgets every sample and starts cold again: for a node back in rotation, which may be a new process.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            (_count, _next, _hasCached) = (0, 0, false);
            _warm = false;
        }
    }

    /// <summary>The 95th percentile (<see cref="Percentile"/>, nearest rank) of the samples not older than the maximum age, or 0 when there are none; at most <see cref="Refresh"/> old.</summary>
    public double P95()
    {
        var now = time.GetTimestamp();
        List<double> recent;
        lock (_gate)
        {
            if (_hasCached && time.GetElapsedTime(_cachedAt, now) < Refresh)
            {
                return _cached;
            }

            recent = new List<double>(_count);
            for (var i = 0; i < _count; i++)
            {
                if (maxAge == TimeSpan.MaxValue || time.GetElapsedTime(_values[i].At, now) <= maxAge)
                {
                    recent.Add(_values[i].Value);
                }
            }
        }

        recent.Sort();
        var p95 = Percentile.OfSortedOrNull(CollectionsMarshal.AsSpan(recent), 0.95) ?? 0;

        lock (_gate)
        {
            (_cached, _cachedAt, _hasCached) = (p95, now, true);
        }

        return p95;
    }
}

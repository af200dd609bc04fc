using HybridInference.Contracts.Chaos;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// This service's view of the faults: every fault last read from the store (or set in a test), and the
/// ones of them active for this service now. Expiry is judged here, by the injected clock, so a fault ends
/// on time even when the store cannot be read (a store outage, ChaosLab gone).
/// </summary>
public sealed class FaultState
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private IReadOnlyList<Fault> _known = [];
    private FaultSet _current = FaultSet.Empty;

    public FaultState(string service, TimeProvider time)
    {
        Service = service;
        _time = time;
    }

    /// <summary>The name this service's faults are addressed to (its resource name).</summary>
    public string Service { get; }

    /// <summary>Raised with the new set whenever the active faults change (a read, a start, an expiry).</summary>
    public event Action<FaultSet>? Changed;

    /// <summary>The active faults now; recomputed when the clock passed a start or an expiry.</summary>
    public FaultSet Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return _time.GetUtcNow() < current.ValidUntil ? current : Refresh();
        }
    }

    /// <summary>Replaces the known faults with the store's list (all services' faults; this one keeps its own).</summary>
    public FaultSet Replace(IEnumerable<Fault> faults)
    {
        var mine = faults.Where(fault => string.Equals(fault.Service, Service, StringComparison.OrdinalIgnoreCase)).ToList();
        lock (_lock)
        {
            _known = mine;
        }

        return Refresh();
    }

    /// <summary>Recomputes the active set at the current time and raises <see cref="Changed"/> when it differs.</summary>
    public FaultSet Refresh()
    {
        var now = _time.GetUtcNow();
        FaultSet next;
        bool changed;
        lock (_lock)
        {
            var active = _known.Where(fault => fault.IsActiveAt(now)).OrderBy(fault => fault.CreatedAt).ThenBy(fault => fault.Id, StringComparer.Ordinal).ToList();
            var validUntil = _known
                .SelectMany<Fault, DateTimeOffset>(fault => [fault.StartsAt, fault.ExpiresAt])
                .Where(moment => moment > now)
                .DefaultIfEmpty(DateTimeOffset.MaxValue)
                .Min();
            changed = !SameFaults(_current.Active, active);
            next = changed ? new FaultSet(active, validUntil) : new FaultSet(_current.Active, validUntil);
            _known = [.. _known.Where(fault => fault.ExpiresAt > now)];
            Volatile.Write(ref _current, next);
        }

        if (changed)
        {
            Changed?.Invoke(next);
        }

        return next;
    }

    private static bool SameFaults(IReadOnlyList<Fault> a, IReadOnlyList<Fault> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => pair.First == pair.Second);
}

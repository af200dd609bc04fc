using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Fleet;

/// <summary>
/// What the router knows of the fleet: the last device list read from the registry, kept while the registry
/// is unreachable (an outage of the registry must not move traffic), and whether it is fresh.
/// </summary>
public sealed class FleetView
{
    private readonly Lock _gate = new();
    private FleetSnapshot _current = FleetSnapshot.Empty;
    private FleetReadFailure? _failure;

    /// <summary>Whether a registry is configured at all; without one every device is judged locally.</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>The last good device list (empty before the first read).</summary>
    public FleetSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Why the last read failed and since when reads fail; null while reads succeed.</summary>
    public FleetReadFailure? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    public void Disable() => Enabled = false;

    /// <summary>A read succeeded: its list replaces the previous one. Returns the outage it ends, if any.</summary>
    public FleetReadFailure? Update(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            Volatile.Write(ref _current, snapshot);
            var ended = _failure;
            _failure = null;
            return ended;
        }
    }

    /// <summary>A read failed: the last list stays. Returns true for the first failure of an outage (log it once).</summary>
    public bool Failed(string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            var first = _failure is null;
            _failure = new FleetReadFailure(reason, first ? at : _failure!.Since, at);
            return first;
        }
    }

    /// <summary>True only when the registry says the device is offline; a device it does not know is not.</summary>
    public bool IsOffline(string deviceId) => Current.Find(deviceId)?.IsOffline == true;

    /// <summary>The routing rules of the device's desired state; empty when it has none or is unknown.</summary>
    public IReadOnlyList<RoutingRule> RulesFor(string deviceId) => Current.Find(deviceId)?.Rules ?? [];
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;

namespace HybridInference.Faults;

/// <summary>
/// Faults as telemetry: <c>faults.active</c> (a gauge, 1 per active fault, tagged with its id, kind and
/// target) and <c>faults.injections</c> (a counter, one per call, request, image batch or store command the
/// fault acted on), both on the shared <c>HybridInference</c> meter; each injection is also an event on the
/// current trace span, so a slow or failed span shows the fault that caused it.
/// </summary>
public sealed class FaultMetrics
{
    public const string ActiveName = "faults.active";
    public const string InjectionsName = "faults.injections";
    public const string InjectedEventName = "fault.injected";

    private readonly Counter<long> _injections;

    public FaultMetrics(FaultState state, IMeterFactory meters)
    {
        Meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        _injections = Meter.CreateCounter<long>(InjectionsName, unit: "{injection}", description: "Calls, requests or commands a fault acted on.");
        Meter.CreateObservableGauge(ActiveName, () => state.Current.Active.Select(fault => new Measurement<int>(1, Tags(fault))),
            unit: "{fault}", description: "Faults active in this service.");
    }

    /// <summary>This host's meter (tests with several hosts in one process listen to their own).</summary>
    public Meter Meter { get; }

    public void Injected(Fault fault, string? detail = null)
    {
        _injections.Add(1, Tags(fault));
        var tags = new ActivityTagsCollection
        {
            ["fault.id"] = fault.Id,
            ["fault.kind"] = fault.Kind.ToName(),
            ["fault.target"] = fault.Target,
        };
        if (detail is not null)
        {
            tags["fault.detail"] = detail;
        }

        Activity.Current?.AddEvent(new ActivityEvent(InjectedEventName, tags: tags));
    }

    private static KeyValuePair<string, object?>[] Tags(Fault fault) =>
    [
        new("fault.id", fault.Id),
        new("fault.kind", fault.Kind.ToName()),
        new("fault.target", fault.Target),
    ];
}

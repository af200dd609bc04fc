using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.State;
using HybridInference.ServiceDefaults;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// Rollout metrics for the Aspire dashboard: the candidate's current weight per active rollout, analyses
/// by verdict, and finished rollouts by outcome (<c>promoted</c>, <c>rolled-back</c>).
/// </summary>
public sealed class RolloutMetrics
{
    private static readonly Counter<long> Starts = Telemetry.Meter.CreateCounter<long>("hi.rollouts.started", description: "Rollouts started");
    private static readonly Counter<long> Analyses = Telemetry.Meter.CreateCounter<long>("hi.rollouts.analyses", description: "Canary analyses, by verdict");
    private static readonly Counter<long> Finishes = Telemetry.Meter.CreateCounter<long>("hi.rollouts.finished", description: "Rollouts finished, by outcome");

    private readonly ConcurrentDictionary<string, (string Model, int Weight)> _weights = new(StringComparer.Ordinal);

    public RolloutMetrics() =>
        Telemetry.Meter.CreateObservableGauge(
            "hi.rollouts.weight",
            () => _weights.Select(w => new Measurement<int>(w.Value.Weight, new("model", w.Value.Model), new("rollout", w.Key))),
            unit: "%",
            description: "Share of the fleet's devices on the candidate, per active rollout");

    public void Started(Rollout rollout)
    {
        Starts.Add(1, new KeyValuePair<string, object?>("model", rollout.Model));
        Observe(rollout);
    }

    public void Analysed(Rollout rollout, Verdict verdict)
    {
        Analyses.Add(1, new("model", rollout.Model), new("verdict", verdict.ToString().ToLowerInvariant()));
        Observe(rollout);
    }

    public void Finished(Rollout rollout)
    {
        Finishes.Add(1, new("model", rollout.Model), new("outcome", rollout.Phase == RolloutPhase.Promoted ? "promoted" : "rolled-back"));
        _weights.TryRemove(rollout.Id, out _);
    }

    public void Observe(Rollout rollout)
    {
        if (rollout.IsFinished)
        {
            _weights.TryRemove(rollout.Id, out _);
        }
        else
        {
            _weights[rollout.Id] = (rollout.Model, rollout.Weight);
        }
    }
}

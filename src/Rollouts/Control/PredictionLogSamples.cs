using HybridInference.Contracts.Rollouts;
using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>Samples from the prediction log the router writes: real requests, with labels where clients sent them.</summary>
public sealed class PredictionLogSamples(PredictionStore predictions) : IRolloutSamples
{
    public async Task<(GroupSamples Canary, GroupSamples Control)> CollectAsync(Rollout rollout, DateTimeOffset from, DateTimeOffset to)
    {
        var records = await predictions.ReadWindowAsync(from, to);
        return rollout.CloudRoute is null
            ? SampleCollector.Split(records, rollout.Model, rollout.Candidate, rollout.Stable, rollout.CanaryDevices.ToHashSet(StringComparer.Ordinal))
            : SampleCollector.SplitCloud(records, rollout.Model, rollout.Candidate, rollout.Stable);
    }
}

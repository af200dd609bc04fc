using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>The canary's and the control's live traffic over a window.</summary>
public interface IRolloutSamples
{
    Task<(GroupSamples Canary, GroupSamples Control)> CollectAsync(Rollout rollout, DateTimeOffset from, DateTimeOffset to);
}

using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>Tells the rollout's webhooks what happened, and asks its gates before a step.</summary>
public interface IRolloutWebhooks
{
    /// <summary>Calls every hook of <paramref name="type"/>; true when all answered 2xx (pre-rollout hooks can veto).</summary>
    Task<bool> NotifyAsync(Rollout rollout, string type, string message, CancellationToken cancellationToken);

    Task<GateDecision> AskGatesAsync(Rollout rollout, int nextWeight, CancellationToken cancellationToken);
}

using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>Finds the one canary target of a model about to roll out, or of a stored rollout.</summary>
public sealed class CanaryTargets(IEnumerable<ICanaryTarget> targets)
{
    private readonly ICanaryTarget[] _targets = [.. targets];

    public ICanaryTarget For(string model) => _targets.Single(t => t.RollsOut(model));

    public ICanaryTarget Of(Rollout rollout) => _targets.Single(t => t.Owns(rollout));
}

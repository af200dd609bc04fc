using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// Where a rollout's canary lives and how it is moved: on a group of devices (an edge model) or on a share of a
/// route's cloud calls (a cloud model). The engine's shared core decides when to start, step, promote or roll
/// back; the target says what each of those changes in the world, and which traffic is canary and which control.
/// Every call but <see cref="PlanAsync"/> is made under the engine's lock.
/// </summary>
public interface ICanaryTarget
{
    /// <summary>True when a new rollout of <paramref name="model"/> is this target's.</summary>
    bool RollsOut(string model);

    /// <summary>True when the stored <paramref name="rollout"/> is this target's.</summary>
    bool Owns(Rollout rollout);

    /// <summary>Whether a paused rollout's step is still kept up at each tick (it is not analysed).</summary>
    bool KeepsPausedStep { get; }

    /// <summary>
    /// The shape of a new rollout before anything is changed: the spec as this target judges it, its cloud route
    /// if any, and the first step's canary devices.
    /// </summary>
    /// <exception cref="RolloutException">The rollout cannot run on this target (bad spec, too few devices, no router).</exception>
    Task<CanaryPlan> PlanAsync(RolloutSpec spec, string model, int weight, CancellationToken cancellationToken);

    /// <summary>Puts the first step's canary in place once the pre-rollout webhooks allowed it; returns the rollout as it then is.</summary>
    Task<Rollout> BeginAsync(Rollout rollout, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the world back in line with the rollout's current step (a restarted router has lost its weights);
    /// called at every tick and after each step. <see cref="CanarySync.Changed"/> says whether the rollout
    /// changed in a way to be saved at once.
    /// </summary>
    Task<CanarySync> SyncAsync(Rollout rollout, CancellationToken cancellationToken);

    /// <summary>The window's records split into what the canary answered and what the control answered.</summary>
    (GroupSamples Canary, GroupSamples Control) Split(IReadOnlyList<PredictionRecord> records, Rollout rollout);

    /// <summary>Widens the canary to <paramref name="weight"/> percent; returns its devices and how the step event names it.</summary>
    Task<CanaryChange> StepAsync(Rollout rollout, int weight);

    /// <summary>Gives all the canary's place to the candidate; returns the devices it runs on and where, for the event.</summary>
    Task<CanaryChange> PromoteAsync(Rollout rollout, string actor);

    /// <summary>Puts the canary's place back on the stable version; returns what was put back, for the event.</summary>
    Task<string> RollBackAsync(Rollout rollout, string actor);
}

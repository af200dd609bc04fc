using HybridInference.PredictionLog;
using HybridInference.Rollouts.Analysis;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// An edge model's canary: a group of the fleet's devices (chosen by <see cref="CanaryGroup"/>, growing with each
/// step) whose desired state is the candidate, judged against every other device on the stable version.
/// </summary>
public sealed class DeviceCanaryTarget(IRolloutActuator actuator) : ICanaryTarget
{
    public bool RollsOut(string model) => !CloudModels.IsCloud(model);

    public bool Owns(Rollout rollout) => rollout.CloudRoute is null;

    // A paused device rollout keeps its devices where they are without any help.
    public bool KeepsPausedStep => false;

    public async Task<CanaryPlan> PlanAsync(RolloutSpec spec, string model, int weight, CancellationToken cancellationToken)
    {
        var devices = await actuator.DevicesAsync(model);
        if (devices.Count < 2 && spec.Steps[0] < 100)
        {
            throw RolloutException.Conflict($"a canary needs at least two devices in the fleet (one canary, one control); the fleet has {devices.Count}");
        }

        return new(spec, null, CanaryGroup.Select(devices, model, weight));
    }

    public async Task<Rollout> BeginAsync(Rollout rollout, string actor, CancellationToken cancellationToken)
    {
        await actuator.AssignAsync(rollout.Model, rollout.Candidate, rollout.CanaryDevices, actor, $"rollout {rollout.Id}: canary {rollout.Weight} %");
        return rollout;
    }

    public Task<CanarySync> SyncAsync(Rollout rollout, CancellationToken cancellationToken) => Task.FromResult(new CanarySync(rollout, false));

    public (GroupSamples Canary, GroupSamples Control) Split(IReadOnlyList<PredictionRecord> records, Rollout rollout) =>
        SampleCollector.Split(records, rollout.Model, rollout.Candidate, rollout.Stable, rollout.CanaryDevices.ToHashSet(StringComparer.Ordinal));

    public async Task<CanaryChange> StepAsync(Rollout rollout, int weight)
    {
        // The same hash order every time, so the group only grows: only the devices new to it are assigned.
        var devices = CanaryGroup.Select(await actuator.DevicesAsync(rollout.Model), rollout.Model, weight);
        var added = devices.Except(rollout.CanaryDevices, StringComparer.Ordinal).ToList();
        await actuator.AssignAsync(rollout.Model, rollout.Candidate, added, "controller", $"rollout {rollout.Id}: step to {weight} %");
        return new(devices, $"{devices.Count} devices: {string.Join(", ", devices)}");
    }

    public async Task<CanaryChange> PromoteAsync(Rollout rollout, string actor)
    {
        var devices = await actuator.DevicesAsync(rollout.Model);
        await actuator.AssignAsync(rollout.Model, rollout.Candidate, devices, actor, $"rollout {rollout.Id}: promoted");
        return new(devices, $"on all {devices.Count} devices");
    }

    public async Task<string> RollBackAsync(Rollout rollout, string actor)
    {
        await actuator.AssignAsync(rollout.Model, rollout.Stable, rollout.CanaryDevices, actor, $"rollout {rollout.Id}: rolled back");
        return $"{rollout.CanaryDevices.Count} canary devices back on v{rollout.Stable}";
    }
}

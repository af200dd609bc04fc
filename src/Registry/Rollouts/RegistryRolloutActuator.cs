using HybridInference.Contracts.Fleet;
using HybridInference.Registry.Fleet;
using HybridInference.Registry.Models;
using HybridInference.Rollouts.Control;

namespace HybridInference.Registry.Rollouts;

/// <summary>
/// A rollout's hands in the registry: versions and aliases from the model store, desired states through
/// the fleet manager (each change in the fleet audit trail, each device keeping its routing rules).
/// </summary>
public sealed class RegistryRolloutActuator(ModelRegistryStore models, FleetStore fleet) : IRolloutActuator
{
    public Task<int?> ResolveAliasAsync(string model, string alias) => models.ResolveAliasAsync(model, alias);

    public async Task<bool> VersionExistsAsync(string model, int version) => await models.GetVersionAsync(model, version) is not null;

    /// <summary>Devices that run or are meant to run the model, and devices that have not said yet (they run the seed).</summary>
    public async Task<IReadOnlyList<string>> DevicesAsync(string model) =>
        [.. (await fleet.ListAsync())
            .Where(d => (d.Running?.Name ?? d.Desired?.Model.Name ?? model) == model)
            .Select(d => d.Id)];

    public async Task AssignAsync(string model, int version, IReadOnlyList<string> devices, string actor, string reason)
    {
        if (devices.Count == 0)
        {
            return;
        }

        var target = await models.GetVersionAsync(model, version)
            ?? throw RolloutException.NotFound($"version {version} of model '{model}' does not exist");

        // One generation, one audit entry, one transaction for the whole step; each device keeps its rules.
        await fleet.SetDesiredForDevicesAsync(devices, new ModelRef(target.Name, target.Version, target.Digest), target.SizeBytes, actor, reason);
    }

    public async Task SetAliasAsync(string model, string alias, int? version, string actor, string reason)
    {
        // Optimistic: another operator may move the alias meanwhile; read again and retry a few times.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await models.ResolveAliasAsync(model, alias);
            if (current == version || await models.MoveAliasAsync(model, alias, current, version, actor, reason))
            {
                return;
            }
        }

        throw RolloutException.Conflict($"alias '{alias}' of model '{model}' kept moving while the rollout tried to set it");
    }
}

namespace HybridInference.Rollouts.Control;

/// <summary>What a rollout changes in the world: the registry's versions and aliases, and the fleet's desired states.</summary>
public interface IRolloutActuator
{
    Task<int?> ResolveAliasAsync(string model, string alias);

    Task<bool> VersionExistsAsync(string model, int version);

    /// <summary>The fleet's devices a rollout of <paramref name="model"/> spans.</summary>
    Task<IReadOnlyList<string>> DevicesAsync(string model);

    /// <summary>Sets the desired state of <paramref name="devices"/> to run <paramref name="version"/>.</summary>
    Task AssignAsync(string model, int version, IReadOnlyList<string> devices, string actor, string reason);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, or removes it when null.</summary>
    Task SetAliasAsync(string model, string alias, int? version, string actor, string reason);
}

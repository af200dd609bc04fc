using HybridInference.Rollouts.Control;

namespace HybridInference.Rollouts.Tests.Control;

/// <summary>A registry and fleet in memory: a fixed list of devices, every desired-state change and alias move recorded.</summary>
public sealed class FakeActuator(params string[] devices) : IRolloutActuator
{
    /// <summary>Every desired-state change: the version, the devices (comma-separated, in the order given), who and why.</summary>
    public List<(int Version, string Devices, string Actor, string Reason)> Assigned { get; } = [];

    public Dictionary<string, int> Aliases { get; } = new(StringComparer.Ordinal);

    public Task<int?> ResolveAliasAsync(string model, string alias) =>
        Task.FromResult(Aliases.TryGetValue(alias, out var version) ? version : (int?)null);

    public Task<bool> VersionExistsAsync(string model, int version) => Task.FromResult(version is 1 or 2);

    public Task<IReadOnlyList<string>> DevicesAsync(string model) => Task.FromResult<IReadOnlyList<string>>(devices);

    public Task AssignAsync(string model, int version, IReadOnlyList<string> devices, string actor, string reason)
    {
        Assigned.Add((version, string.Join(",", devices), actor, reason));
        return Task.CompletedTask;
    }

    public Task SetAliasAsync(string model, string alias, int? version, string actor, string reason)
    {
        if (version is { } v)
        {
            Aliases[alias] = v;
        }
        else
        {
            Aliases.Remove(alias);
        }

        return Task.CompletedTask;
    }
}

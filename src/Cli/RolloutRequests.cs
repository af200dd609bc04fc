using HybridInference.Clients.Rollouts;
using HybridInference.Contracts.Rollouts;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Cli;

/// <summary>The rollout commands' calls to the registry (through <see cref="RolloutsClient"/>) and what each prints.</summary>
internal static class RolloutRequests
{
    public static Task<int> ListAsync(RegistryTarget target, CancellationToken cancellationToken) =>
        CallAsync(target, async client => RolloutTable.FormatList(await client.ListAsync(cancellationToken: cancellationToken)));

    public static Task<int> StatusAsync(RegistryTarget target, string id, CancellationToken cancellationToken) =>
        CallAsync(target, async client => RolloutTable.Format(await client.GetAsync(id, cancellationToken)));

    public static Task<int> StartAsync(RegistryTarget target, RolloutStartRequest spec, CancellationToken cancellationToken) =>
        CallAsync(target, async client => RolloutTable.Format(await client.StartAsync(spec, target.Actor, cancellationToken)));

    public static Task<int> CommandAsync(RegistryTarget target, string id, string command, string? reason, CancellationToken cancellationToken) =>
        CallAsync(target, async client => RolloutTable.Format(await (command switch
        {
            "pause" => client.PauseAsync(id, target.Actor, reason, cancellationToken),
            "resume" => client.ResumeAsync(id, target.Actor, reason, cancellationToken),
            "promote" => client.PromoteAsync(id, target.Actor, reason, cancellationToken),
            "abort" => client.AbortAsync(id, target.Actor, reason, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a rollout command"),
        })));

    private static Task<int> CallAsync(RegistryTarget target, Func<RolloutsClient, Task<string>> call) =>
        target.CallAsync(RolloutCommands.Usage, (services, configure) => services.AddRolloutsClient(configure), call);
}

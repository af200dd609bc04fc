using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Fleet;

/// <summary>One device as the registry last described it, with its routing rules parsed.</summary>
/// <param name="State"><c>online</c>, <c>offline</c>, or whatever else the registry said (treated as unknown).</param>
/// <param name="Rules">The desired state's rules that parsed, in the registry's order; invalid ones are left out.</param>
/// <param name="RejectedRules">Rules that did not parse, with the parser's message, for operators.</param>
public sealed record FleetDevice(
    string Id,
    string? Site,
    string State,
    string? Health,
    DateTimeOffset? LastSeen,
    long? DesiredGeneration,
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyList<string> RejectedRules)
{
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>The registry has stopped hearing from it: it gets no traffic whatever its own endpoints say.</summary>
    public bool IsOffline => State == Offline;
}

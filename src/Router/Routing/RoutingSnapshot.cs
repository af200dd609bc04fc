using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Routing;

/// <summary>
/// One consistent, parsed version of the routing configuration. A request uses one snapshot from its plan
/// to its verdict, so a reload in between cannot mix two configurations.
/// </summary>
/// <param name="HealthMaxAge">Age after which a health report counts as unknown.</param>
/// <param name="Revision">Counts loads since start: 1 is the configuration at start.</param>
/// <param name="LoadedAt">When this configuration took effect.</param>
public sealed record RoutingSnapshot(
    IReadOnlyDictionary<string, ModelRoute> Models,
    IReadOnlyList<RoutingRule> Rules,
    TimeSpan HealthMaxAge,
    long Revision,
    DateTimeOffset LoadedAt)
{
    /// <summary>Builds a snapshot from options that passed <see cref="RoutingOptionsValidator"/>.</summary>
    public static RoutingSnapshot From(RoutingOptions options, long revision, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var models = options.Models.ToDictionary(
            m => m.Key,
            m => new ModelRoute(m.Key, m.Value.Threshold ?? throw new ArgumentException($"{m.Key}: threshold missing; validate first"), m.Value.AuditRate, m.Value.MaxEscalationsPerSecondPerSite, m.Value.EdgeModel ?? m.Key + "-edge", m.Value.CloudModel ?? m.Key + "-cloud"),
            StringComparer.Ordinal);
        var rules = options.Rules.Select(r => RuleParser.Parse(r.Name!, r.Expression!)).ToArray();
        return new RoutingSnapshot(models, rules, TimeSpan.FromSeconds(options.HealthMaxAgeSeconds), revision, loadedAt);
    }

    /// <summary>Whether both hold the same models and rules, whatever their revisions.</summary>
    public bool SameSettingsAs(RoutingSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return HealthMaxAge == other.HealthMaxAge
            && Models.Count == other.Models.Count
            && Models.All(m => other.Models.TryGetValue(m.Key, out var o) && o == m.Value)
            && Rules.Select(r => (r.Name, r.Expression)).SequenceEqual(other.Rules.Select(r => (r.Name, r.Expression)));
    }
}

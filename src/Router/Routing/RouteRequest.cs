using HybridInference.Router.Routing.Rules;

namespace HybridInference.Router.Routing;

/// <summary>What the decision policy knows about a request before any tier is asked.</summary>
/// <param name="Model">Model name as the client requested it.</param>
/// <param name="Site">Edge site that serves the request; the unit of escalation limits.</param>
/// <param name="Priority">High priority: answer from the cloud directly.</param>
/// <param name="Private">Private: the image must never leave the site.</param>
/// <param name="Health">Latest health of the chosen edge node; when null or too old no rule matches.</param>
/// <param name="DeviceRules">
/// The chosen node's rules from its desired state in the registry; they come before the configured rules, and
/// a configured rule of the same name gives way to the device's. Null or empty: the configured rules alone.
/// </param>
public sealed record RouteRequest(
    string Model, string Site, bool Priority = false, bool Private = false, EdgeHealth? Health = null, IReadOnlyList<RoutingRule>? DeviceRules = null);

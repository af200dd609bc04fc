namespace HybridInference.Router.Routing.Rules;

/// <summary>What a matching rule does to a request.</summary>
public enum RuleAction
{
    /// <summary><c>cloud</c>: skip the edge, ask the cloud.</summary>
    Cloud,

    /// <summary><c>edge-only</c>: never ask the cloud (e.g. the site's link is down).</summary>
    EdgeOnly,
}

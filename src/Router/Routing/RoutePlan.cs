namespace HybridInference.Router.Routing;

/// <summary>The decision before any tier is asked.</summary>
/// <param name="Request">The request it was made for.</param>
/// <param name="Model">The model's settings at planning time; the verdict uses the same ones.</param>
/// <param name="Target">Which tier to ask first.</param>
/// <param name="Reason">Why the cloud is asked directly, or, when <paramref name="EscalationLimited"/>, why it would have been.</param>
/// <param name="EdgeOnlyRule">The rule that keeps the request on the site, if one did.</param>
/// <param name="EscalationLimited">The site's cloud budget was spent, so the edge is asked instead.</param>
/// <param name="Degraded">A tier failed already; whatever the edge answers is marked <c>edge-degraded</c>.</param>
/// <param name="CloudCutOff">Kept on the edge because the site's link to the cloud is down: what the cloud would
/// have answered (unsure rows, priority requests) is answered by the edge and marked <c>edge-degraded</c>.</param>
public sealed record RoutePlan(
    RouteRequest Request,
    ModelRoute Model,
    RouteTarget Target,
    EscalationReason? Reason = null,
    string? EdgeOnlyRule = null,
    bool EscalationLimited = false,
    bool Degraded = false,
    bool CloudCutOff = false);

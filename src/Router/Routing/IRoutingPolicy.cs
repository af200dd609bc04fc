namespace HybridInference.Router.Routing;

/// <summary>
/// The hybrid decision of one request, independent of transport: <see cref="Plan"/> before any tier is asked,
/// <see cref="Judge"/> once the edge answered, and the fallbacks when a tier fails.
/// </summary>
public interface IRoutingPolicy
{
    /// <exception cref="UnknownModelException">The model is not configured (the endpoint answers 404).</exception>
    RoutePlan Plan(RouteRequest request);

    /// <param name="plan">A plan whose target is the edge.</param>
    /// <param name="edgeConfidence">The edge answer's top-class probability, in [0,1].</param>
    EdgeVerdict Judge(RoutePlan plan, double edgeConfidence);

    /// <summary>The edge failed or timed out (after trying another edge node): the cloud, or null when none may answer.</summary>
    RoutePlan? OnEdgeUnavailable(RoutePlan plan);

    /// <summary>The cloud failed before the edge was asked: ask the edge and mark its answer, or null when the edge failed already.</summary>
    RoutePlan? OnCloudUnavailable(RoutePlan plan);

    /// <summary>The cloud failed after the edge answered: return the edge answer, marked <c>edge-degraded</c>.</summary>
    EdgeVerdict OnCloudUnavailable(EdgeVerdict verdict);
}

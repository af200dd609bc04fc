namespace HybridInference.Router.Routing;

/// <summary>Which tier to ask first.</summary>
public enum RouteTarget
{
    /// <summary>Ask the edge; its confidence decides whether the cloud is asked too.</summary>
    EdgeFirst,

    /// <summary>Ask the cloud directly.</summary>
    Cloud,

    /// <summary>Ask the edge and keep its answer whatever its confidence.</summary>
    EdgeOnly,
}

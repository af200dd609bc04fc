namespace HybridInference.Router.Routing;

/// <summary>The routing configuration in effect now.</summary>
public interface IRoutingTable
{
    RoutingSnapshot Current { get; }
}

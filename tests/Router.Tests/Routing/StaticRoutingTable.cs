using HybridInference.Router.Routing;

namespace HybridInference.Router.Tests.Routing;

internal sealed class StaticRoutingTable(RoutingOptions options) : IRoutingTable
{
    public RoutingSnapshot Current { get; } = RoutingSnapshot.From(options, 1, DateTimeOffset.UnixEpoch);
}

namespace HybridInference.Contracts.RouterAdmin;

/// <summary><c>GET /admin/routing</c>: the routing configuration in effect, after validation and parsing.</summary>
public sealed record RoutingView(long Revision, DateTimeOffset LoadedAt, double HealthMaxAgeSeconds, IReadOnlyList<ModelView> Models, IReadOnlyList<RuleView> Rules);

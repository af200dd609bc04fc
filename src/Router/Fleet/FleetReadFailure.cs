namespace HybridInference.Router.Fleet;

/// <summary>An outage of the registry as the router sees it.</summary>
/// <param name="Since">The first failed read of this outage.</param>
/// <param name="LastAt">The latest failed read.</param>
public sealed record FleetReadFailure(string Reason, DateTimeOffset Since, DateTimeOffset LastAt);

namespace HybridInference.Rollouts.Control;

/// <summary>
/// A cloud model's traffic: the router's per-version weights of a route's cloud calls, and whether the cloud
/// serves a version yet. A cloud rollout steps these weights instead of devices.
/// </summary>
public interface ICloudTraffic
{
    /// <summary>Checks that the router routes <paramref name="route"/> with <paramref name="cloudModel"/> as its cloud model.</summary>
    /// <exception cref="RolloutException">The router does not, or cannot be asked (a conflict naming why).</exception>
    Task EnsureRouteAsync(string route, string cloudModel, CancellationToken cancellationToken);

    /// <summary>True when the cloud answers for <paramref name="model"/> version <paramref name="version"/> (loaded and warm).</summary>
    Task<bool> ServesAsync(string model, int version, CancellationToken cancellationToken);

    /// <summary>Sets the route's cloud calls' weights by version (percent; 0 keeps a version at no traffic).</summary>
    Task SetWeightsAsync(string route, IReadOnlyDictionary<int, int> weights, CancellationToken cancellationToken);
}

using System.Globalization;
using System.Net.Http.Json;
using HybridInference.Contracts.RouterAdmin;

namespace HybridInference.Clients.RouterAdmin;

/// <summary>
/// The router's admin API (<c>/admin/...</c>): its edge nodes as it sees them, the service instances in the store,
/// the routing configuration in effect, and each model's cloud split by version (read, set, clear). Failures are
/// <see cref="ApiException"/>s carrying the router's problem detail, or saying it could not be reached.
/// </summary>
public sealed class RouterAdminClient(HttpClient http)
{
    private const string Service = "router";

    /// <summary>Every configured edge node: rotation, breaker, last device report, recent p95 and inference address.</summary>
    public Task<IReadOnlyList<EdgeView>> GetEdgesAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/admin/edges", RouterAdminJsonContext.Default.IReadOnlyListEdgeView, Service, cancellationToken);

    /// <summary>Every service instance that announced itself in the store within its time to live; a 503 when the store does not answer.</summary>
    public Task<IReadOnlyList<ServiceInstance>> GetInstancesAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/admin/instances", RouterAdminJsonContext.Default.IReadOnlyListServiceInstance, Service, cancellationToken);

    /// <summary>The routing configuration in effect: per-model thresholds, audit rates, escalation limits and the health rules in order.</summary>
    public Task<RoutingView> GetRoutingAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "/admin/routing", RouterAdminJsonContext.Default.RoutingView, Service, cancellationToken);

    /// <summary>How <paramref name="model"/>'s cloud calls split between cloud model versions; a 404 when the router does not route it.</summary>
    public Task<CloudWeightsView> GetCloudWeightsAsync(string model, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, CloudWeightsPath(model), RouterAdminJsonContext.Default.CloudWeightsView, Service, cancellationToken);

    /// <summary>
    /// Splits <paramref name="model"/>'s cloud calls by version, each weight in [0,100] with a positive sum; the answer is
    /// the split now in effect. A 400 names every bad weight, a 404 says the model is not routed.
    /// </summary>
    public Task<CloudWeightsView> SetCloudWeightsAsync(string model, IReadOnlyDictionary<int, double> weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var body = new CloudWeightsRequest(weights.ToDictionary(w => w.Key.ToString(CultureInfo.InvariantCulture), w => w.Value));
        var request = new HttpRequestMessage(HttpMethod.Put, CloudWeightsPath(model))
        {
            Content = JsonContent.Create(body, RouterAdminJsonContext.Default.CloudWeightsRequest),
        };
        return ApiCalls.ReadAsync(http, request, RouterAdminJsonContext.Default.CloudWeightsView, Service, cancellationToken);
    }

    /// <summary>Stops splitting: <paramref name="model"/>'s cloud calls go unversioned to the cloud server's default version.</summary>
    public Task<CloudWeightsView> ClearCloudWeightsAsync(string model, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, new HttpRequestMessage(HttpMethod.Delete, CloudWeightsPath(model)), RouterAdminJsonContext.Default.CloudWeightsView, Service, cancellationToken);

    private static string CloudWeightsPath(string model) => $"/admin/routing/models/{Uri.EscapeDataString(model)}/cloud-weights";
}

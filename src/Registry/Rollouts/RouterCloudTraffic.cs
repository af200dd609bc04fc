using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using HybridInference.Clients;
using HybridInference.Clients.RouterAdmin;
using HybridInference.Contracts.Oip;
using HybridInference.Rollouts.Control;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Rollouts;

/// <summary>
/// A cloud rollout's hands outside the registry: the router's <c>/admin/routing/models/{route}/cloud-weights</c>
/// (through <see cref="RouterAdminClient"/>) and the cloud server's OIP readiness of a version
/// (<c>/v2/models/{m}/versions/{v}/ready</c>).
/// </summary>
public sealed class RouterCloudTraffic(IHttpClientFactory clients, IOptions<CloudTrafficOptions> options) : ICloudTraffic
{
    /// <summary>The client of the cloud server's readiness calls.</summary>
    public const string ClientName = "cloud-traffic";

    public async Task EnsureRouteAsync(string route, string cloudModel, CancellationToken cancellationToken)
    {
        var router = Address(options.Value.RouterAddress, "CloudTraffic:RouterAddress", "router");
        Contracts.RouterAdmin.CloudWeightsView view;
        try
        {
            view = await Router().GetCloudWeightsAsync(route, cancellationToken);
        }
        catch (ApiException ex) when (ex.Unreachable)
        {
            throw RolloutException.Conflict($"the router ({router}) cannot be reached to split cloud traffic: {ex.Detail}");
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw RolloutException.Conflict($"the router has no route '{route}' whose cloud calls could go to '{cloudModel}'");
        }
        catch (ApiException ex)
        {
            throw new HttpRequestException(ex.Message, ex, ex.StatusCode);
        }

        if (view.CloudModel != cloudModel)
        {
            throw RolloutException.Conflict($"the router's route '{route}' asks the cloud for '{view.CloudModel}', not '{cloudModel}'");
        }
    }

    public async Task<bool> ServesAsync(string model, int version, CancellationToken cancellationToken)
    {
        var cloud = Address(options.Value.CloudAddress, "CloudTraffic:CloudAddress", "cloud server");
        using var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        try
        {
            using var response = await client.GetAsync(new Uri(cloud, $"/v2/models/{model}/versions/{version.ToString(CultureInfo.InvariantCulture)}/ready"), cancellationToken);
            return response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync(OipJsonContext.Default.ModelReadyResponse, cancellationToken) is { Ready: true };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A cloud that cannot say is not serving it: the candidate gets no traffic until it can.
            return false;
        }
    }

    public async Task SetWeightsAsync(string route, IReadOnlyDictionary<int, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Address(options.Value.RouterAddress, "CloudTraffic:RouterAddress", "router");
        try
        {
            await Router().SetCloudWeightsAsync(route, weights.ToDictionary(w => w.Key, w => (double)w.Value), cancellationToken);
        }
        catch (ApiException ex) when (ex.Unreachable)
        {
            // The engine tells a router that is away by the transport's own exception, and says its message in the rollout's events.
            if (ex.InnerException is HttpRequestException or TaskCanceledException)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
            }

            throw new HttpRequestException(ex.Message, ex);
        }
        catch (ApiException ex)
        {
            throw new HttpRequestException($"the router refused the cloud weights of '{route}' ({(int)ex.StatusCode!}): {ex.Detail}", ex, ex.StatusCode);
        }
    }

    // The engine is a singleton: a client per call, so that the factory's handler rotation applies.
    private RouterAdminClient Router() => new(clients.CreateClient(RouterAdminClientExtensions.ClientName));

    private static Uri Address(string? address, string key, string what) =>
        string.IsNullOrWhiteSpace(address)
            ? throw RolloutException.Conflict($"this registry cannot split cloud traffic: no {what} is configured ({key})")
            : new Uri(address);
}

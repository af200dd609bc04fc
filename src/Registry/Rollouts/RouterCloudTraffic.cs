using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Rollouts.Control;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Rollouts;

/// <summary>
/// A cloud rollout's hands outside the registry: the router's <c>/admin/routing/models/{route}/cloud-weights</c>
/// and the cloud server's OIP readiness of a version (<c>/v2/models/{m}/versions/{v}/ready</c>).
/// </summary>
public sealed class RouterCloudTraffic(IHttpClientFactory clients, IOptions<CloudTrafficOptions> options) : ICloudTraffic
{
    public const string ClientName = "cloud-traffic";

    public async Task EnsureRouteAsync(string route, string cloudModel, CancellationToken cancellationToken)
    {
        var router = Address(options.Value.RouterAddress, "CloudTraffic:RouterAddress", "router");
        using var client = Client();
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(new Uri(router, $"/admin/routing/models/{route}/cloud-weights"), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw RolloutException.Conflict($"the router ({router}) cannot be reached to split cloud traffic: {ex.Message}");
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw RolloutException.Conflict($"the router has no route '{route}' whose cloud calls could go to '{cloudModel}'");
            }

            response.EnsureSuccessStatusCode();
            var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var routed = view.GetProperty("cloudModel").GetString();
            if (routed != cloudModel)
            {
                throw RolloutException.Conflict($"the router's route '{route}' asks the cloud for '{routed}', not '{cloudModel}'");
            }
        }
    }

    public async Task<bool> ServesAsync(string model, int version, CancellationToken cancellationToken)
    {
        var cloud = Address(options.Value.CloudAddress, "CloudTraffic:CloudAddress", "cloud server");
        using var client = Client();
        try
        {
            using var response = await client.GetAsync(new Uri(cloud, $"/v2/models/{model}/versions/{version.ToString(CultureInfo.InvariantCulture)}/ready"), cancellationToken);
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).TryGetProperty("ready", out var ready)
                && ready.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A cloud that cannot say is not serving it: the candidate gets no traffic until it can.
            return false;
        }
    }

    public async Task SetWeightsAsync(string route, IReadOnlyDictionary<int, int> weights, CancellationToken cancellationToken)
    {
        var router = Address(options.Value.RouterAddress, "CloudTraffic:RouterAddress", "router");
        using var client = Client();
        var body = new { weights = weights.ToDictionary(w => w.Key.ToString(CultureInfo.InvariantCulture), w => w.Value) };
        using var response = await client.PutAsJsonAsync(new Uri(router, $"/admin/routing/models/{route}/cloud-weights"), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the router refused the cloud weights of '{route}' ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private HttpClient Client()
    {
        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        return client;
    }

    private static Uri Address(string? address, string key, string what) =>
        string.IsNullOrWhiteSpace(address)
            ? throw RolloutException.Conflict($"this registry cannot split cloud traffic: no {what} is configured ({key})")
            : new Uri(address);
}

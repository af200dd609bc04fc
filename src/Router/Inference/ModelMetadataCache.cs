using System.Collections.Concurrent;
using System.Net.Http.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Edges;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Inference;

/// <summary>
/// The signature of each logical model, read once from an edge node's model metadata: the router validates
/// requests against it before asking any tier, with the same rules and messages as the inference servers.
/// </summary>
public sealed class ModelMetadataCache(EdgeDirectory directory, IHttpClientFactory clients)
{
    private readonly ConcurrentDictionary<string, ModelMetadataResponse> _models = new(StringComparer.Ordinal);

    /// <summary>The logical model's metadata, or null while no edge node could tell it.</summary>
    public async Task<ModelMetadataResponse?> GetAsync(ModelRoute route, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(route.Model, out var cached))
        {
            return cached;
        }

        using var client = clients.CreateClient(EdgeHealthMonitor.ClientName);
        foreach (var node in directory.Nodes.Values)
        {
            try
            {
                var edge = await client.GetFromJsonAsync(new Uri(node.Address, $"/v2/models/{Uri.EscapeDataString(route.EdgeModel)}"), OipJsonContext.Default.ModelMetadataResponse, cancellationToken);
                if (edge is not null)
                {
                    var logical = edge with { Name = route.Model, Versions = [] };
                    return _models.GetOrAdd(route.Model, logical);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or Polly.ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
            {
                // Try the next node; with none answering, the tiers validate the request themselves.
            }
        }

        return null;
    }
}

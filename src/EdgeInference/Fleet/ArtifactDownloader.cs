using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Artifacts;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Downloads an artifact by digest from the node's registry (<c>Fleet:RegistryHttpAddress</c>) through the
/// registry's typed client, and keeps the file only when the content is what the digest names (<see cref="RegistryArtifacts"/>).
/// </summary>
public sealed class ArtifactDownloader(IHttpClientFactory clients, IOptions<FleetAgentOptions> options)
{
    public const string ClientName = "fleet-registry";

    /// <summary>Writes the artifact to <paramref name="path"/>.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    /// <exception cref="HybridInference.Clients.ApiException">The registry refused the download or could not be reached.</exception>
    public async Task DownloadAsync(string digest, string path, CancellationToken cancellationToken)
    {
        using var http = Client();
        await RegistryArtifacts.DownloadAsync(new RegistryModelsClient(http), Digest.Parse(digest), path, cancellationToken);
    }

    /// <summary>The version's card from the registry, for the class labels; null when the registry has none.</summary>
    public async Task<string?> CardAsync(string model, long version, CancellationToken cancellationToken)
    {
        using var http = Client();
        return await RegistryArtifacts.CardAsync(new RegistryModelsClient(http), model, version, cancellationToken);
    }

    // A client per call from the factory (the pipeline "fleet-registry" declared in AddFleetAgent), so its
    // handler rotates like any factory client's although this downloader lives as long as the node.
    private HttpClient Client()
    {
        var http = clients.CreateClient(ClientName);
        http.BaseAddress = new Uri(options.Value.RegistryHttpAddress!);
        return http;
    }
}

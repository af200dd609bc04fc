using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Artifacts;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Reads a version (its envelope and card) from the node's registry (<c>Fleet:RegistryHttpAddress</c>) and downloads
/// its artifact by digest through the registry's typed client, keeping the file only when the content is what the
/// signed digest and size name (<see cref="RegistryArtifacts"/>).
/// </summary>
public sealed class ArtifactDownloader(IHttpClientFactory clients, IOptions<FleetAgentOptions> options)
{
    public const string ClientName = "fleet-registry";

    /// <summary>Writes the artifact to <paramref name="path"/>, reading at most <paramref name="declaredBytes"/>.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    /// <exception cref="HybridInference.Contracts.Registry.Signing.ModelRefusedException">The registry sent more than <paramref name="declaredBytes"/>.</exception>
    /// <exception cref="HybridInference.Clients.ApiException">The registry refused the download or could not be reached.</exception>
    public async Task DownloadAsync(string digest, long declaredBytes, string path, CancellationToken cancellationToken)
    {
        using var http = Client();
        await RegistryArtifacts.DownloadAsync(new RegistryModelsClient(http), Digest.Parse(digest), declaredBytes, path, cancellationToken);
    }

    /// <summary>The version as the registry serves it, envelope and card included.</summary>
    /// <exception cref="HybridInference.Clients.ApiException">The registry has no such version or could not be reached.</exception>
    public async Task<ModelVersion> VersionAsync(string model, long version, CancellationToken cancellationToken)
    {
        using var http = Client();
        return await new RegistryModelsClient(http).GetVersionAsync(model, checked((int)version), cancellationToken);
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

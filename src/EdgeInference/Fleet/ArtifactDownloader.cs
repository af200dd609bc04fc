using HybridInference.Inference.Artifacts;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Downloads an artifact by digest from the node's registry (<c>Fleet:RegistryHttpAddress</c>) and keeps the
/// file only when the content is what the digest names; the transfer itself is <see cref="RegistryArtifacts"/>.
/// </summary>
public sealed class ArtifactDownloader(IHttpClientFactory clients, IOptions<FleetAgentOptions> options)
{
    public const string ClientName = "fleet-registry";

    /// <summary>Writes the artifact to <paramref name="path"/>.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    public async Task DownloadAsync(string digest, string path, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        await RegistryArtifacts.DownloadAsync(client, Registry, digest, path, cancellationToken);
    }

    /// <summary>The version's card from the registry, for the class labels; null when it cannot be had.</summary>
    public async Task<string?> CardAsync(string model, long version, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        return await RegistryArtifacts.CardAsync(client, Registry, model, version, cancellationToken);
    }

    private Uri Registry => new(options.Value.RegistryHttpAddress!);
}

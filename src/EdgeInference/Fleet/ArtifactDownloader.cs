using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Downloads an artifact by digest from the registry, hashing while it writes, and keeps the file only when
/// the content is what the digest names.
/// </summary>
public sealed class ArtifactDownloader(IHttpClientFactory clients, IOptions<FleetAgentOptions> options)
{
    public const string ClientName = "fleet-registry";

    /// <summary>Writes the artifact to <paramref name="path"/>.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    public async Task DownloadAsync(string digest, string path, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        using var response = await client.GetAsync(new Uri(new Uri(options.Value.RegistryHttpAddress!), $"/api/artifacts/{digest}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        try
        {
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    bytes += read;
                }
            }

            var actual = ArtifactDigest.Of(hash.GetHashAndReset());
            if (actual != digest)
            {
                throw new DigestMismatchException(digest, actual, bytes);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The version's card from the registry, for the class labels; null when it cannot be had.</summary>
    public async Task<string?> CardAsync(string model, long version, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        using var response = await client.GetAsync(new Uri(new Uri(options.Value.RegistryHttpAddress!), $"/api/models/{model}/versions/{version}"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.TryGetProperty("card", out var card) ? card.GetRawText() : null;
    }
}

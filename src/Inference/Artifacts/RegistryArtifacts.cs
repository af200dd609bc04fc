using System.Security.Cryptography;

namespace HybridInference.Inference.Artifacts;

/// <summary>
/// Reads model artifacts and cards from the registry's HTTP API. Shared by the edge nodes (desired state) and
/// the cloud server (aliases): both keep a downloaded file only when its content is what the digest names.
/// </summary>
public static class RegistryArtifacts
{
    /// <summary>Writes the artifact <paramref name="digest"/> from <paramref name="registry"/> to <paramref name="path"/>, hashing while it writes.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    public static async Task DownloadAsync(HttpClient client, Uri registry, string digest, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(registry, $"/api/artifacts/{digest}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
    public static async Task<string?> CardAsync(HttpClient client, Uri registry, string model, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(registry, $"/api/models/{model}/versions/{version}"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.TryGetProperty("card", out var card) ? card.GetRawText() : null;
    }
}

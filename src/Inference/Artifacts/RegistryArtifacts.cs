using System.Security.Cryptography;
using HybridInference.Clients;
using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;

namespace HybridInference.Inference.Artifacts;

/// <summary>
/// Fetches model artifacts and cards through the registry's typed client. Shared by the edge nodes (desired state)
/// and the cloud server (aliases): both keep a downloaded file only when its content is what the digest names.
/// </summary>
public static class RegistryArtifacts
{
    /// <summary>Writes the artifact <paramref name="digest"/> to <paramref name="path"/>, hashing while it writes.</summary>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>; nothing is left on disk.</exception>
    /// <exception cref="ApiException">The registry refused the download or could not be reached.</exception>
    public static async Task DownloadAsync(RegistryModelsClient registry, Digest digest, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        await using var body = await registry.OpenArtifactAsync(digest, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        try
        {
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

            var actual = Digest.Of(hash.GetHashAndReset());
            if (actual != digest)
            {
                throw new DigestMismatchException(digest.ToString(), actual.ToString(), bytes);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The version's card as the registry holds it, for the class labels; null when the registry has no such version or card.</summary>
    /// <exception cref="ApiException">The registry could not be reached (its refusals only cost the card).</exception>
    public static async Task<string?> CardAsync(RegistryModelsClient registry, string model, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        try
        {
            var found = await registry.GetVersionAsync(model, checked((int)version), cancellationToken);
            return found.Card.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : found.Card.GetRawText();
        }
        catch (ApiException ex) when (!ex.Unreachable)
        {
            return null;
        }
    }
}

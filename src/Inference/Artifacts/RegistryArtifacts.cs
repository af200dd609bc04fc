using System.Security.Cryptography;
using HybridInference.Clients;
using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;

namespace HybridInference.Inference.Artifacts;

/// <summary>
/// Fetches model artifacts through the registry's typed client. Shared by the edge nodes (desired state) and the
/// cloud server (aliases): both download only what a verified statement (<see cref="Signing.ModelVerifier"/>)
/// names, read no more than its size, and keep the file only when its content is what its digest names.
/// </summary>
public static class RegistryArtifacts
{
    /// <summary>Writes the artifact <paramref name="digest"/> to <paramref name="path"/>, hashing while it writes.</summary>
    /// <param name="registry">The registry's client.</param>
    /// <param name="digest">The signed digest.</param>
    /// <param name="declaredBytes">The signed size: reading stops, and the download is refused, past it.</param>
    /// <param name="path">Where the file goes; nothing is left there on failure.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="DigestMismatchException">The bytes received are not the content of <paramref name="digest"/>.</exception>
    /// <exception cref="ModelRefusedException">The registry sent more than <paramref name="declaredBytes"/> (reason <see cref="RefusalReasons.ArtifactSize"/>).</exception>
    /// <exception cref="ApiException">The registry refused the download or could not be reached.</exception>
    public static async Task DownloadAsync(RegistryModelsClient registry, Digest digest, long declaredBytes, string path, CancellationToken cancellationToken)
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
                    bytes += read;
                    if (bytes > declaredBytes)
                    {
                        throw new ModelRefusedException(RefusalReasons.ArtifactSize, $"the registry sent more than the {declaredBytes} bytes signed for {digest}; stopped reading, refused");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
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
}

using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Artifacts;

/// <summary>
/// Content-addressed files on disk: each artifact is stored once under its SHA-256, written to a temporary
/// file first and moved into place only when complete, so a reader never sees half a model.
/// </summary>
public sealed class ArtifactStore
{
    private readonly string _root;
    private readonly long _maxBytes;

    public ArtifactStore(IOptions<RegistryOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment)
    {
        _root = Path.GetFullPath(options.Value.ArtifactDirectory, environment.ContentRootPath);
        _maxBytes = options.Value.MaxArtifactBytes;
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
    }

    public string Root => _root;

    /// <summary>Copies <paramref name="content"/> to a staging file while hashing it.</summary>
    /// <exception cref="ArtifactTooLargeException">The content is larger than <see cref="RegistryOptions.MaxArtifactBytes"/>.</exception>
    public async Task<StagedArtifact> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > _maxBytes)
                    {
                        throw new ArtifactTooLargeException(_maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new StagedArtifact(path, Digest.Of(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Moves a staged file to its content address; a file already there is kept (same bytes).</summary>
    public string Commit(StagedArtifact staged)
    {
        var target = PathOf(staged.Digest);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(staged.Path);
        }
        else
        {
            File.Move(staged.Path, target, overwrite: true);
        }

        return target;
    }

    public void Discard(StagedArtifact staged) => File.Delete(staged.Path);

    public string PathOf(Digest digest) => Path.Combine(_root, "sha256", digest.Hex[..2], digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));
}

/// <summary>A fully written, hashed file waiting to be validated and committed.</summary>
public sealed record StagedArtifact(string Path, Digest Digest, long SizeBytes);

public sealed class ArtifactTooLargeException(long limit)
    : Exception($"The model file is larger than Registry:MaxArtifactBytes ({limit} bytes).")
{
    public long Limit { get; } = limit;
}
